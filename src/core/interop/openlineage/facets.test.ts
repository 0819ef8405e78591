import { describe, expect, it } from 'vitest';
import { withoutPassword } from './facet-attributes.ts';
import { facet, importEvents, PRODUCER, RUN_A, RUN_B, runEvent } from '../../../testing/openlineage-events.ts';

const RUN = `ol-run:${RUN_A}`;
const JOB = 'ol-job:ward-etl/discharge_summary';
const T = '2024-03-01T08:00:00Z';

type Node = Record<string, unknown> & { attributes?: Record<string, unknown> };
function node(result: ReturnType<typeof importEvents>, id: string): Node | undefined {
  return result.nodes.find((n) => n.id === id) as Node | undefined;
}

describe('dataset facets', () => {
  const ds = (facets: Record<string, unknown>, name = 'public.summaries') => ({ namespace: 'pg://ehr', name, facets });

  it('schema, documentation, ownership, dataSource and version become fields and attributes', () => {
    const r = importEvents([
      runEvent('COMPLETE', T, {
        outputs: [
          ds({
            schema: facet({ fields: [{ name: 'id', type: 'INTEGER', description: 'row id' }, { name: 'addr', type: 'struct', fields: [{ name: 'zip', type: 'string' }] }] }),
            documentation: facet({ description: 'One summary per discharge.' }),
            ownership: facet({ owners: [{ name: 'team:records', type: 'MAINTAINER' }, { name: 'alice' }] }),
            dataSource: facet({ name: 'ehr_db', uri: 'postgres://etl:s3cret@db:5432/ehr' }),
            version: facet({ datasetVersion: 'v7' }),
          }),
        ],
      }),
    ]);
    const d = node(r, 'ol:pg://ehr/public.summaries')!;
    expect(d).toMatchObject({ kind: 'dataset', name: 'public.summaries', version: 'v7', description: { en: 'One summary per discharge.' } });
    expect(d.attributes).toMatchObject({
      namespace: 'pg://ehr',
      'schema.fields': ['id: INTEGER — row id', 'addr: struct', 'addr.zip: string'],
      'ownership.owners': ['team:records (MAINTAINER)', 'alice'],
      'dataSource.name': 'ehr_db',
      'dataSource.uri': 'postgres://etl:***@db:5432/ehr',
    });
    expect(JSON.stringify(r)).not.toContain('s3cret');
    // The version a run wrote is kept on the generation.
    expect(r.relations).toContainEqual({ type: 'wasGeneratedBy', from: 'ol:pg://ehr/public.summaries', to: RUN, time: T, attributes: { datasetVersion: 'v7' } });
  });

  it('lifecycleStateChange, storage and input/output facets are kept as attributes', () => {
    const r = importEvents([
      runEvent('COMPLETE', T, {
        inputs: [{ namespace: 'pg://ehr', name: 'a', inputFacets: { inputStatistics: facet({ rowCount: 10 }) } }],
        outputs: [{ ...ds({ lifecycleStateChange: facet({ lifecycleStateChange: 'OVERWRITE' }), storage: facet({ storageLayer: 'iceberg', fileFormat: 'parquet' }) }), outputFacets: { outputStatistics: facet({ rowCount: 4, size: 512 }) } }],
      }),
    ]);
    expect(node(r, 'ol:pg://ehr/public.summaries')!.attributes).toMatchObject({ 'lifecycleStateChange.lifecycleStateChange': 'OVERWRITE', 'storage.storageLayer': 'iceberg', 'storage.fileFormat': 'parquet' });
    expect(r.relations).toContainEqual({ type: 'used', from: RUN, to: 'ol:pg://ehr/a', attributes: { 'inputStatistics.rowCount': 10 } });
    expect(r.relations).toContainEqual({ type: 'wasGeneratedBy', from: 'ol:pg://ehr/public.summaries', to: RUN, time: T, attributes: { 'outputStatistics.rowCount': 4, 'outputStatistics.size': 512 } });
  });

  it('an unknown facet is kept as attributes, nested lists as JSON text, an empty one by its name', () => {
    const r = importEvents([
      runEvent('COMPLETE', T, {
        runFacets: { 'acme.qc': facet({ score: 0.93, checks: [{ name: 'nulls', ok: true }], flags: ['a', 'b'], inner: { level: 2 } }), 'acme.empty': facet({}) },
      }),
    ]);
    expect(node(r, RUN)!.attributes).toMatchObject({
      'acme.qc.score': 0.93,
      'acme.qc.checks': '[{"name":"nulls","ok":true}]',
      'acme.qc.flags': ['a', 'b'],
      'acme.qc.inner.level': 2,
      'facet:acme.empty': '{}',
    });
  });

  it('the latest value of a facet wins; a facet sent with _deleted is removed', () => {
    const r = importEvents([
      runEvent('START', T, { outputs: [ds({ documentation: facet({ description: 'old' }), storage: facet({ storageLayer: 'delta' }) })] }),
      runEvent('COMPLETE', T, { outputs: [ds({ documentation: facet({ description: 'new' }), storage: facet({ _deleted: true }) })] }),
    ]);
    const d = node(r, 'ol:pg://ehr/public.summaries')!;
    expect(d.description).toEqual({ en: 'new' });
    expect(d.attributes!['storage.storageLayer']).toBeUndefined();
  });

  it('tags become node tags', () => {
    const r = importEvents([runEvent('COMPLETE', T, { outputs: [ds({ tags: facet({ tags: [{ key: 'pii', value: 'true', field: 'name' }, { key: 'gold' }] }) })] })]);
    expect(node(r, 'ol:pg://ehr/public.summaries')!.tags).toEqual(['pii=true (field name)', 'gold']);
  });

  it('symlinks: the symlinked identifiers are aliases of one dataset node', () => {
    const r = importEvents([
      runEvent('COMPLETE', T, { outputs: [ds({ symlinks: facet({ identifiers: [{ namespace: 'hive://meta', name: 'ehr.summaries', type: 'TABLE' }] }) })] }),
      // Another job reads the same table by its symlinked name.
      runEvent('COMPLETE', T, { job: { name: 'readmission_model' }, inputs: [{ namespace: 'hive://meta', name: 'ehr.summaries' }] }, RUN_B),
    ]);
    const d = node(r, 'ol:pg://ehr/public.summaries')!;
    expect(d.aliases).toEqual(['ol:hive://meta/ehr.summaries']);
    expect(node(r, 'ol:hive://meta/ehr.summaries')).toBeUndefined();
    expect(r.relations).toContainEqual({ type: 'used', from: `ol-run:${RUN_B}`, to: 'ol:pg://ehr/public.summaries' });
    expect(d.attributes!['symlinks.identifiers']).toEqual(['hive://meta/ehr.summaries (TABLE)']);
  });

  it('columnLineage: per output field the input fields and transformations, dataset-wide inputs as an attribute', () => {
    const r = importEvents([
      runEvent('COMPLETE', T, {
        outputs: [
          ds({
            columnLineage: facet({
              fields: {
                patient_key: { inputFields: [{ namespace: 'pg://ehr', name: 'public.admissions', field: 'mrn', transformations: [{ type: 'DIRECT', subtype: 'TRANSFORMATION', description: 'sha256(mrn)', masking: true }] }] },
                ward: { inputFields: [{ namespace: 'pg://ehr', name: 'public.admissions', field: 'ward' }], transformationType: 'IDENTITY', transformationDescription: 'copied' },
              },
              dataset: [{ namespace: 'pg://ehr', name: 'public.admissions', field: 'discharged', transformations: [{ type: 'INDIRECT', subtype: 'FILTER' }] }],
            }),
          }),
        ],
      }),
    ]);
    const d = node(r, 'ol:pg://ehr/public.summaries')!;
    expect(d.columnLineage).toEqual([
      { field: 'patient_key', inputs: [{ dataset: 'ol:pg://ehr/public.admissions', field: 'mrn', transformation: 'DIRECT/TRANSFORMATION: sha256(mrn) (masked)' }] },
      { field: 'ward', inputs: [{ dataset: 'ol:pg://ehr/public.admissions', field: 'ward', transformation: 'IDENTITY' }], description: 'copied' },
    ]);
    expect(d.attributes!['columnLineage.dataset']).toEqual(['ol:pg://ehr/public.admissions#discharged: INDIRECT/FILTER']);
    // The input named only by the column lineage still has a node.
    expect(node(r, 'ol:pg://ehr/public.admissions')).toMatchObject({ kind: 'dataset', implicit: true });
  });
});

describe('job facets', () => {
  it('jobType gives the subtype, sourceCodeLocation the url and the job version, sql and sourceCode are attributes', () => {
    const r = importEvents([
      runEvent('COMPLETE', T, {
        jobFacets: {
          jobType: facet({ processingType: 'STREAMING', integration: 'FLINK', jobType: 'JOB' }),
          sourceCodeLocation: facet({ type: 'git', url: 'https://git.example.org/etl', version: 'abc123' }),
          sql: facet({ query: 'SELECT 1' }),
          sourceCode: facet({ language: 'python', sourceCode: 'print(1)' }),
          documentation: facet({ description: 'Builds discharge summaries.' }),
        },
      }),
    ]);
    expect(node(r, JOB)).toMatchObject({
      subtype: 'streaming',
      url: 'https://git.example.org/etl',
      version: 'abc123',
      description: { en: 'Builds discharge summaries.' },
      attributes: { 'jobType.processingType': 'STREAMING', 'jobType.integration': 'FLINK', 'sql.query': 'SELECT 1', 'sourceCode.language': 'python', 'sourceCode.sourceCode': 'print(1)', 'sourceCodeLocation.type': 'git' },
    });
  });
});

describe('the lineage facet', () => {
  const lineage = (body: Record<string, unknown>) => ({ lineage: facet(body) });

  it('job facet entries: dataset←dataset wasDerivedFrom, dataset←job wasInfluencedBy (+ wasGeneratedBy its run)', () => {
    const r = importEvents([
      runEvent('COMPLETE', T, {
        jobFacets: lineage({
          entries: [
            { namespace: 'pg://ehr', name: 'summary', type: 'DATASET', inputs: [{ namespace: 'pg://ehr', name: 'notes', type: 'DATASET', transformations: [{ type: 'DIRECT', subtype: 'AGGREGATION' }] }] },
            { namespace: 'pg://ehr', name: 'daily', type: 'DATASET', inputs: [{ namespace: 'sched', name: 'extract', type: 'JOB', runId: RUN_B }] },
          ],
        }),
      }),
    ]);
    expect(r.relations).toContainEqual({ type: 'wasDerivedFrom', from: 'ol:pg://ehr/summary', to: 'ol:pg://ehr/notes', attributes: { transformations: 'DIRECT/AGGREGATION' } });
    expect(r.relations).toContainEqual({ type: 'wasInfluencedBy', from: 'ol:pg://ehr/daily', to: 'ol-job:sched/extract', role: 'lineage' });
    expect(r.relations).toContainEqual({ type: 'wasGeneratedBy', from: 'ol:pg://ehr/daily', to: `ol-run:${RUN_B}` });
    expect(node(r, 'ol-job:sched/extract')).toMatchObject({ kind: 'job', implicit: true });
  });

  it('job←job: wasInfluencedBy between the jobs and wasInformedBy between their runs', () => {
    const r = importEvents([
      runEvent('COMPLETE', T, {
        jobFacets: lineage({ entries: [{ namespace: 'sched', name: 'load', type: 'JOB', runId: RUN_A, inputs: [{ namespace: 'sched', name: 'transform', type: 'JOB', runId: RUN_B }] }] }),
      }),
    ]);
    expect(r.relations).toContainEqual({ type: 'wasInfluencedBy', from: 'ol-job:sched/load', to: 'ol-job:sched/transform', role: 'lineage' });
    expect(r.relations).toContainEqual({ type: 'wasInformedBy', from: RUN, to: `ol-run:${RUN_B}` });
  });

  it('job←dataset with the own job (no namespace and name); field-level lineage from a job is a relation with the field', () => {
    const r = importEvents([
      runEvent('COMPLETE', T, {
        jobFacets: lineage({
          entries: [
            { type: 'JOB', inputs: [{ namespace: 'pg://ehr', name: 'notes', type: 'DATASET' }] },
            { namespace: 'pg://ehr', name: 'totals', type: 'DATASET', fields: { total: { inputs: [{ type: 'JOB', transformations: [{ type: 'DIRECT', subtype: 'AGGREGATION', description: 'sum()' }] }, { namespace: 'pg://ehr', name: 'notes', type: 'DATASET', field: 'n' }] } } },
          ],
        }),
      }),
    ]);
    expect(r.relations).toContainEqual({ type: 'wasInfluencedBy', from: JOB, to: 'ol:pg://ehr/notes', role: 'lineage' });
    expect(r.relations).toContainEqual({ type: 'wasInfluencedBy', from: 'ol:pg://ehr/totals', to: JOB, role: 'lineage', attributes: { field: 'total', transformations: 'DIRECT/AGGREGATION: sum()' } });
    expect(node(r, 'ol:pg://ehr/totals')!.columnLineage).toEqual([{ field: 'total', inputs: [{ dataset: 'ol:pg://ehr/notes', field: 'n' }] }]);
  });

  it('as a dataset facet: inputs and fields of that dataset', () => {
    const r = importEvents([
      {
        eventTime: T,
        producer: PRODUCER,
        schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent',
        dataset: { namespace: 'pg://ehr', name: 'summary', facets: lineage({ inputs: [{ namespace: 'pg://ehr', name: 'notes', type: 'DATASET' }], fields: { id: { inputs: [{ namespace: 'pg://ehr', name: 'notes', type: 'DATASET', field: 'note_id' }] } } }) },
      },
    ]);
    expect(r.relations).toContainEqual({ type: 'wasDerivedFrom', from: 'ol:pg://ehr/summary', to: 'ol:pg://ehr/notes' });
    expect(node(r, 'ol:pg://ehr/summary')!.columnLineage).toEqual([{ field: 'id', inputs: [{ dataset: 'ol:pg://ehr/notes', field: 'note_id' }] }]);
    expect(node(r, 'ol:pg://ehr/summary')!.attributes!['lineage.inputs']).toBeUndefined();
  });
});

describe('events without a run', () => {
  it('a DatasetEvent describes a dataset, attributed to its producer', () => {
    const r = importEvents([
      { eventTime: T, producer: PRODUCER, schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent', dataset: { namespace: 'pg://ehr', name: 'notes', facets: { documentation: facet({ description: 'Clinical notes.' }) } } },
    ]);
    expect(node(r, 'ol:pg://ehr/notes')).toMatchObject({ kind: 'dataset', description: { en: 'Clinical notes.' } });
    expect(r.nodes.filter((n) => n.kind === 'activity')).toHaveLength(0);
    expect(r.relations).toContainEqual({ type: 'wasAttributedTo', from: 'ol:pg://ehr/notes', to: PRODUCER });
  });

  it('a JobEvent describes a job and the datasets it reads and writes, without a run', () => {
    const r = importEvents([
      {
        eventTime: T,
        producer: PRODUCER,
        schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent',
        job: { namespace: 'ward-etl', name: 'discharge_summary', facets: { sql: facet({ query: 'SELECT 2' }) } },
        inputs: [{ namespace: 'pg://ehr', name: 'notes' }],
        outputs: [{ namespace: 'pg://ehr', name: 'summary' }],
      },
    ]);
    expect(node(r, JOB)).toMatchObject({ kind: 'job', attributes: { 'sql.query': 'SELECT 2' } });
    expect(r.nodes.filter((n) => n.kind === 'activity')).toHaveLength(0);
    expect(r.relations).toContainEqual({ type: 'wasInfluencedBy', from: JOB, to: 'ol:pg://ehr/notes', role: 'input' });
    expect(r.relations).toContainEqual({ type: 'wasInfluencedBy', from: 'ol:pg://ehr/summary', to: JOB, role: 'output' });
  });

  it('a dataset in a Hugging Face namespace gets the Hub dataset id, so it merges with model cards', () => {
    const r = importEvents([runEvent('COMPLETE', T, { inputs: [{ namespace: 'huggingface', name: 'Org/Notes' }] })]);
    expect(r.relations).toContainEqual({ type: 'used', from: RUN, to: 'hf-dataset:org/notes' });
  });
});

describe('withoutPassword', () => {
  it('masks the password of a connection URI and leaves other URIs alone', () => {
    expect(withoutPassword('postgres://u:p@h/db')).toBe('postgres://u:***@h/db');
    expect(withoutPassword('postgres://h:5432/db')).toBe('postgres://h:5432/db');
    expect(withoutPassword('s3://bucket/path')).toBe('s3://bucket/path');
  });
});
