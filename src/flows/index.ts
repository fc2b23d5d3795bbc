import { cafeFlow } from './defs/cafe.js';
import { checklistGarFlow } from './defs/checklist-gar.js';
import { commissionFlow } from './defs/commission.js';
import { filFlow } from './defs/fil.js';
import { incidentFlow } from './defs/incident.js';
import { lettreMissionFlow } from './defs/lettre-mission.js';
import type { FlowDef } from './types.js';

/** Every guided flow; adding one is adding a definition here. */
export const FLOWS: FlowDef[] = [filFlow, incidentFlow, cafeFlow, lettreMissionFlow, commissionFlow, checklistGarFlow];
