/**
 * Middleware composition for the turn, in the spirit of grammY's `Composer`:
 * each step gets the context and `next`; a step that answers does not call
 * `next`, a step that enriches the context calls it explicitly.
 */

export type NextFn = () => Promise<void>;
export type Middleware<C> = (ctx: C, next: NextFn) => unknown;

/** One middleware running `steps` in order; the last one's `next` is the caller's. */
export function compose<C>(...steps: Middleware<C>[]): Middleware<C> {
  return (ctx, last) => {
    let reached = -1;
    const dispatch = async (i: number): Promise<void> => {
      if (i <= reached) throw new Error('next() appelé deux fois dans la même étape');
      reached = i;
      if (i === steps.length) return last();
      await steps[i](ctx, () => dispatch(i + 1));
    };
    return dispatch(0);
  };
}

/** A growing chain of steps; features plug in with `use`, in order. */
export class Composer<C> {
  private readonly steps: Middleware<C>[] = [];

  constructor(...steps: Middleware<C>[]) {
    this.use(...steps);
  }

  use(...steps: Middleware<C>[]): this {
    this.steps.push(...steps);
    return this;
  }

  /** Runs `steps` only when `predicate` holds for the context; otherwise goes straight on. */
  filter(predicate: (ctx: C) => boolean, ...steps: Middleware<C>[]): this {
    const inner = compose(...steps);
    return this.use((ctx, next) => (predicate(ctx) ? inner(ctx, next) : next()));
  }

  /** The chain as one middleware, to nest it in another. */
  middleware(): Middleware<C> {
    return compose(...this.steps);
  }

  /** Runs the chain on one context. */
  async run(ctx: C): Promise<void> {
    await compose(...this.steps)(ctx, async () => {});
  }
}

/** Runs `steps`; an error thrown inside goes to `onError` instead of up the chain. */
export function errorBoundary<C>(onError: (err: unknown, ctx: C) => unknown, ...steps: Middleware<C>[]): Middleware<C> {
  const inner = compose(...steps);
  return async (ctx, next) => {
    try {
      await inner(ctx, next);
    } catch (err) {
      await onError(err, ctx);
    }
  };
}
