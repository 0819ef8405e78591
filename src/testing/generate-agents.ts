/**
 * Agents of the generated lineage: organisations, people with roles (mostly clinicians)
 * and the software that serves models. People act on behalf of their organisation.
 */
import type { NodeOfKind } from '../core/format/index.ts';
import type { LineageBuilder } from './lineage-builder.ts';
import { DEPARTMENTS, ENGLISH_NAMES, FAMILY_NAMES, GIVEN_NAMES, ORGANISATIONS, ROLES, type PersonRole } from './lineage-vocabulary.ts';

type Agent = NodeOfKind<'agent'>;

export interface Agents {
  organisations: Agent[];
  /** The hospitals, where clinicians work and sessions run. */
  hospitals: Agent[];
  /** Model vendors and labs. */
  builders: Agent[];
  people: Agent[];
  byRole: Record<PersonRole, Agent[]>;
  software: Agent[];
}

/** Which organisations employ each role (indices into ORGANISATIONS). */
const EMPLOYERS: Record<PersonRole, readonly number[]> = {
  clinician: [0, 1],
  researcher: [1, 2, 6],
  engineer: [2, 3, 5, 7],
  auditor: [0, 4],
};

export function generateAgents(b: LineageBuilder, counts: { people: number; software: number }): Agents {
  const { rng } = b;
  const organisations = ORGANISATIONS.map(([en, ja], i) =>
    b.add<Agent>({
      id: b.nextId('org', 2),
      kind: 'agent',
      name: en,
      label: { en, ja },
      classification: 'public',
      subtype: 'organization',
      tags: i < 2 ? ['hospital'] : ['vendor'],
    }),
  );
  const byRole: Record<PersonRole, Agent[]> = { clinician: [], researcher: [], engineer: [], auditor: [] };
  const people: Agent[] = [];
  for (let i = 0; i < counts.people; i++) {
    // The first few cover every role, so that small snapshots still have each kind of person.
    const role: PersonRole = i < ROLES.length ? ROLES[i]![0] : rng.weighted(ROLES);
    const employer = organisations[rng.pick(EMPLOYERS[role])]!;
    const person = b.add<Agent>({ id: b.nextId('person', 6), kind: 'agent', ...personName(b), classification: 'internal', subtype: 'person', role, affiliation: employer.name });
    if (role === 'clinician') {
      const [en, ja] = rng.pick(DEPARTMENTS);
      person.attributes = { department: en, departmentJa: ja };
    }
    b.relate('actedOnBehalfOf', person, employer);
    people.push(person);
    byRole[role].push(person);
  }
  const hospitals = organisations.slice(0, 2);
  const software: Agent[] = [];
  for (let i = 0; i < counts.software; i++) {
    const host = hospitals[i % hospitals.length]!;
    const gateway = b.add<Agent>({
      id: b.nextId('software', 2),
      kind: 'agent',
      name: `inference-gateway-${i + 1}`,
      label: { en: `Inference gateway ${i + 1}`, ja: `推論ゲートウェイ${i + 1}` },
      classification: 'internal',
      subtype: 'software',
      version: `${rng.between(1, 3)}.${rng.between(0, 9)}.${rng.between(0, 20)}`,
    });
    b.relate('actedOnBehalfOf', gateway, host);
    software.push(gateway);
  }
  return { organisations, hospitals, builders: organisations.slice(2), people, byRole, software };
}

/** Mostly Japanese names (written both ways), some English ones. */
function personName(b: LineageBuilder): Pick<Agent, 'name' | 'label'> {
  const { rng } = b;
  if (rng.chance(0.15)) return { name: rng.pick(ENGLISH_NAMES) };
  const [familyEn, familyJa] = rng.pick(FAMILY_NAMES);
  const [givenEn, givenJa] = rng.pick(GIVEN_NAMES);
  const en = `${givenEn} ${familyEn}`;
  return { name: en, label: { en, ja: `${familyJa} ${givenJa}` } };
}
