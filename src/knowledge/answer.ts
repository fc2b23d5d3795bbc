import { blocksToText, parseText } from '../shared/text.js';
import type { Block, Niveau, OutgoingMessage } from '../shared/types.js';
import { fold } from '../nlu/normalize.js';
import { de } from './academie.js';
import type { Entry, KnowledgeBase, Note, Outil } from './schema.js';

export interface AnswerContext {
  niveau?: Niveau;
  departement?: string;
}

const NIVEAU_LABEL: Record<Niveau, string> = { college: 'En collège', lycee: 'En lycée' };
const NIVEAU_NAME: Record<Niveau, string> = { college: 'collèges', lycee: 'lycées' };
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** `2025-03-01` → `mars 2025`. */
export const monthYear = (iso: string) => `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

/** Builds the answer of an entry for one person: their niveau's variant, or both labelled. */
export class AnswerBuilder {
  constructor(private readonly kb: KnowledgeBase) {}

  entry(id: string): Entry | undefined {
    return this.kb.entries.find((e) => e.id === id);
  }

  departementName(numero: string): string {
    return this.kb.lexicon.departements.find((d) => d.numero === numero)?.nom ?? numero;
  }

  build(entry: Entry, ctx: AnswerContext, flowHint?: string): OutgoingMessage {
    const blocks: Block[] = [{ type: 'heading', text: entry.title }];
    const niveau = ctx.niveau && entry.audience.includes(ctx.niveau) ? ctx.niveau : undefined;
    if (ctx.niveau && !entry.audience.includes(ctx.niveau) && entry.audience.length === 1) {
      blocks.push({ type: 'paragraph', text: `(Cette fiche concerne les ${NIVEAU_NAME[entry.audience[0]]}.)` });
    }
    if (entry.answer.trim()) blocks.push(...parseText(entry.answer));
    blocks.push(...this.variants(entry, niveau));
    if (entry.render) blocks.push(...this.render(entry, { ...ctx, niveau }));
    const said = `${entry.answer}\n${Object.values(entry.variants ?? {}).join('\n')}\n${entry.render ? blocksToText(blocks) : ''}`;
    const more = entry.sources.filter((s) => !said.includes(s.replace(/^https?:\/\//, '').replace(/\/$/, '')));
    if (more.length) blocks.push({ type: 'paragraph', text: `Pour aller plus loin : ${more.join(' ; ')}` });
    blocks.push(...entry.notes.filter((n) => !n.niveau || !niveau || n.niveau === niveau).map(noteBlock));
    if (flowHint) blocks.push({ type: 'paragraph', text: flowHint });
    return { blocks };
  }

  /** Full text of an entry with no profile (every variant): what `kb:export` prints. */
  fullText(entry: Entry): string {
    return blocksToText(this.build(entry, {}).blocks.slice(1));
  }

  private variants(entry: Entry, niveau?: Niveau): Block[] {
    const v = entry.variants;
    if (!v) return [];
    if (niveau && v[niveau]) return parseText(v[niveau]!);
    if (niveau) return [];
    return (['college', 'lycee'] as const).filter((n) => v[n]).flatMap((n) => labelled(NIVEAU_LABEL[n], parseText(v[n]!)));
  }

  private render(entry: Entry, ctx: AnswerContext): Block[] {
    const r = entry.render!;
    switch (r.kind) {
      case 'coordonnateurs':
        return this.coordonnateurs(ctx.departement);
      case 'outils':
        return this.outils(r.usage, ctx.niveau);
      case 'outil':
        return this.outil(r.outil);
      case 'contact':
        return this.contact(r.contact);
    }
  }

  /** The coordinator of one département, or all five. */
  coordonnateurs(departement?: string): Block[] {
    const line = (c: { departement: string; nom: string; email: string }) =>
      `${this.departementName(c.departement)} (${c.departement}) : ${c.nom} - ${c.email}`;
    const one = departement ? this.kb.coordonnateurs.find((c) => c.departement === departement) : undefined;
    const voir = this.kb.coordonnateursVoir ? [{ type: 'paragraph' as const, text: `Voir aussi : ${this.kb.coordonnateursVoir}` }] : [];
    if (one) return [{ type: 'paragraph', text: `Coordonnateur départemental ${this.kb.academie.dane.sigle}, ${line(one)}` }, ...voir];
    return [{ type: 'list', items: this.kb.coordonnateurs.map(line) }, ...voir];
  }

  private tool(id: string): Outil {
    return this.kb.outils.find((o) => o.id === id)!;
  }

  private toolLine(id: string, precision?: string): string {
    const o = this.tool(id);
    return [o.nom, precision].filter(Boolean).join(' ');
  }

  /** The tools of one use, for one niveau or split by niveau. */
  outils(usageId: string, niveau?: Niveau): Block[] {
    const usage = this.kb.usages.find((u) => u.id === usageId)!;
    const refs = usage.outils.map((r) => (typeof r === 'string' ? { outil: r, precision: undefined } : r));
    const fits = (id: string, n: Niveau) => this.tool(id).niveau.includes(n);
    const lines = (ids: { outil: string; precision?: string }[]) => ids.map((r) => this.toolLine(r.outil, r.precision));
    const intro: Block = { type: 'paragraph', text: `${usage.libelle}, les outils préconisés par l'académie :` };
    if (usage.groupes) {
      const groups = usage.groupes.flatMap((g) => {
        const ids = refs.filter((r) => g.outils.includes(r.outil) && (!niveau || fits(r.outil, niveau)));
        return ids.length ? labelled(g.libelle, [{ type: 'list', items: lines(ids) }]) : [];
      });
      return [intro, ...(niveau ? [] : this.legend()), ...groups];
    }
    if (niveau) return [intro, { type: 'list', items: lines(refs.filter((r) => fits(r.outil, niveau))) }];
    const both = refs.filter((r) => fits(r.outil, 'college') && fits(r.outil, 'lycee'));
    const only = (n: Niveau) => refs.filter((r) => this.tool(r.outil).niveau.length === 1 && fits(r.outil, n));
    const out: Block[] = [intro];
    const ent = this.kb.academie.ent;
    if (only('college').length) out.push(...labelled(`En collège (${ent.college.nom})`, [{ type: 'list', items: lines(only('college')) }]));
    if (only('lycee').length) out.push(...labelled(`En lycée (${ent.lycee.nom})`, [{ type: 'list', items: lines(only('lycee')) }]));
    if (both.length)
      out.push(
        ...labelled(only('college').length || only('lycee').length ? 'Dans tous les établissements' : 'Outils', [
          { type: 'list', items: lines(both) },
        ]),
      );
    return out;
  }

  private legend(): Block[] {
    const ent = this.kb.academie.ent;
    return [
      { type: 'paragraph', text: `Les outils ${de(ent.college.nom)} sont ceux des collèges, ceux ${de(ent.lycee.nom)} ceux des lycées.` },
    ];
  }

  /** One tool: what it is, where it lives, what the guide recommends it for. */
  outil(id: string): Block[] {
    const o = this.tool(id);
    const uses = this.kb.usages.filter((u) => u.outils.some((r) => (typeof r === 'string' ? r : r.outil) === id)).map((u) => u.libelle);
    const blocks: Block[] = [{ type: 'paragraph', text: `${o.nom} : ${o.description}.${o.lien ? ` Accès : ${o.lien}` : ''}` }];
    if (uses.length) blocks.push(...labelled('L’académie le préconise pour', [{ type: 'list', items: uses }]));
    return blocks;
  }

  contact(id: string): Block[] {
    const c = this.kb.contacts.find((x) => x.id === id)!;
    const items = [
      ...c.lignes,
      c.telephone && `Téléphone : ${c.telephone}`,
      c.email && `Courriel : ${c.email}`,
      c.site && `Site : ${c.site}`,
    ].filter((x): x is string => Boolean(x));
    return [
      { type: 'paragraph', text: c.nom },
      { type: 'list', items },
    ];
  }
}

function labelled(label: string, blocks: Block[]): Block[] {
  const [first, ...rest] = blocks;
  if (first?.type === 'paragraph' && fold(first.text).startsWith(fold(label))) return blocks;
  if (first?.type === 'paragraph') return [{ type: 'paragraph', text: `${label} : ${first.text}` }, ...rest];
  return [{ type: 'paragraph', text: `${label} :` }, ...blocks];
}

function noteBlock(n: Note): Block {
  return { type: 'paragraph', text: `Note (${monthYear(n.date)}) : ${n.text}` };
}
