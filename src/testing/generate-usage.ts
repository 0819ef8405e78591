/**
 * The bulk of a hospital's lineage: inference sessions in which clinicians ask deployed
 * models questions, the prompts and outputs, literature cited by some outputs, and the
 * later access events on outputs (audits, chart reviews). A few models and a few busy
 * clinicians account for most sessions, as in real use.
 */
import type { NodeOfKind } from '../core/format/index.ts';
import type { Agents } from './generate-agents.ts';
import type { Datasets } from './generate-datasets.ts';
import type { Models } from './generate-models.ts';
import { isoTime, msOf, type LineageBuilder } from './lineage-builder.ts';
import { outputText, promptText } from './lineage-vocabulary.ts';

type Activity = NodeOfKind<'activity'>;
type Agent = NodeOfKind<'agent'>;

/** Nodes per session on average (session, prompt, output, ~0.75 access events), to spread times evenly. */
export const NODES_PER_SESSION = 3.75;

const FIRST_SESSION = msOf('2024-04-01T00:00:00Z');
const LAST_SESSION = msOf('2025-09-30T00:00:00Z');

/** Appends sessions until the snapshot holds at least `targetNodes` nodes. */
export function generateUsage(b: LineageBuilder, agents: Agents, data: Datasets, models: Models, targetNodes: number): void {
  const { rng } = b;
  // Deployed: about half the derived models, in a random order that decides their popularity.
  const deployed = models.derived.filter(() => rng.chance(0.5));
  if (deployed.length === 0) deployed.push(models.derived[0] ?? models.foundation[0]!);
  const clinicians = agents.byRole.clinician;
  const lastSession = new Map<Agent, Activity>();
  const expected = Math.max(1, (targetNodes - b.nodeCount) / NODES_PER_SESSION);
  const step = (LAST_SESSION - FIRST_SESSION) / expected;

  for (let seq = 0; b.nodeCount < targetNodes; seq++) {
    const start = FIRST_SESSION + seq * step + rng.int(Math.max(1, Math.floor(step)));
    const clinician = clinicians[rng.skewed(clinicians.length, 1.8)]!;
    const model = deployed[rng.skewed(deployed.length)]!;
    const lang = rng.chance(0.65) ? 'ja' : 'en';
    // Prompts about a named patient are PHI; the rest stay inside the hospital.
    const classification = rng.chance(0.2) ? 'phi' : 'restricted';

    const session = b.add<Activity>({
      id: b.nextId('session', 7),
      kind: 'activity',
      name: `Inference session ${seq + 1}`,
      label: { en: `Inference session ${seq + 1}`, ja: `推論セッション ${seq + 1}` },
      classification: 'internal',
      subtype: 'inference',
      startedAt: isoTime(start),
      endedAt: isoTime(start + 1000 * rng.between(2, 90)),
    });
    const promptBody = promptText(rng, lang);
    const prompt = b.add<NodeOfKind<'prompt'>>({ id: b.nextId('prompt', 7), kind: 'prompt', name: snippet(promptBody), classification, createdAt: isoTime(start), text: promptBody, language: lang });
    b.relate('used', session, model, { role: 'model' });
    b.relate('used', session, prompt, { role: 'prompt' });
    b.relate('wasAssociatedWith', session, clinician);
    b.relate('wasAssociatedWith', session, agents.software[rng.int(agents.software.length)]!, { role: 'serving' });
    const previous = lastSession.get(clinician);
    if (previous && rng.chance(0.25)) b.relate('wasInformedBy', session, previous);
    lastSession.set(clinician, session);
    b.relate('wasAttributedTo', prompt, clinician);

    const answer = outputText(rng, lang);
    const output = b.add<NodeOfKind<'output'>>({ id: b.nextId('output', 7), kind: 'output', name: snippet(answer), classification, createdAt: session.endedAt!, text: answer, language: lang });
    b.relate('wasGeneratedBy', output, session);
    b.relate('wasDerivedFrom', output, prompt);
    b.relate('wasAttributedTo', output, clinician);
    if (data.documents.length > 0 && rng.chance(0.3)) {
      const cited = rng.between(1, 2);
      for (let i = 0; i < cited; i++) b.relate('wasDerivedFrom', output, data.documents[rng.skewed(data.documents.length, 1.5)]!, { role: 'cited evidence' });
    }

    const accesses = rng.weighted([
      [0, 0.45],
      [1, 0.35],
      [2, 0.2],
    ]);
    for (let i = 0; i < accesses; i++) {
      const when = start + 60_000 * rng.between(5, 60 * 24 * 90);
      const reader = rng.chance(0.3) ? rng.pick(agents.byRole.auditor) : clinicians[rng.skewed(clinicians.length, 1.8)]!;
      const access = b.add<Activity>({
        id: b.nextId('access', 7),
        kind: 'activity',
        name: `Access to output ${seq + 1}`,
        label: { en: `Access to output ${seq + 1}`, ja: `出力 ${seq + 1} の閲覧` },
        classification: 'internal',
        subtype: 'access',
        startedAt: isoTime(when),
      });
      b.relate('used', access, output);
      b.relate('wasAssociatedWith', access, reader);
    }
  }
}

/** A short display name from the text: its first few words or characters. */
function snippet(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 39)}…`;
}
