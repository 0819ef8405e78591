import { describe, expect, it } from 'vitest';
import { cycloneDxModule } from './index.ts';
import { importForTest } from '../../../testing/import-harness.ts';

const run = (files: [string, string][]) => importForTest([cycloneDxModule], files);

const sha = 'AB'.repeat(32);
const bom = {
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  version: 1,
  metadata: { tools: { components: [{ type: 'application', name: 'other-tool' }] } },
  components: [
    {
      type: 'machine-learning-model',
      'bom-ref': 'med',
      name: 'Med-7B',
      version: 'v2',
      purl: 'pkg:huggingface/Acme/Med-7B@abc',
      licenses: [{ license: { id: 'Apache-2.0' } }],
      modelCard: {
        modelParameters: {
          approach: { type: 'supervised' },
          task: 'text-generation',
          architectureFamily: 'llama',
          modelArchitecture: 'LlamaForCausalLM',
          datasets: [{ ref: 'notes' }, { type: 'dataset', name: 'Inline set', classification: 'internal' }],
          inputs: [{ format: 'text' }],
          outputs: [{ format: 'text' }],
        },
        quantitativeAnalysis: {
          performanceMetrics: [
            { type: 'accuracy', value: '0.81', slice: 'MedQA', confidenceInterval: { lowerBound: '0.79', upperBound: '0.83' } },
            { type: 'f1', value: 'about 0.7' },
          ],
        },
        considerations: { users: ['clinicians'], technicalLimitations: ['English only'] },
      },
      pedigree: {
        ancestors: [{ type: 'machine-learning-model', name: 'Base-7B', purl: 'pkg:huggingface/meta/Base-7B' }],
        variants: [{ type: 'machine-learning-model', 'bom-ref': 'med-q4', name: 'Med-7B Q4' }],
      },
      externalReferences: [
        { type: 'website', url: 'https://example.org/med' },
        { type: 'vcs', url: 'https://git.example.org/med' },
      ],
    },
    {
      type: 'data',
      'bom-ref': 'notes',
      name: 'Ward notes',
      description: 'Discharge notes',
      hashes: [
        { alg: 'SHA-256', content: sha },
        { alg: 'MD5', content: '0123456789abcdef0123456789abcdef' },
      ],
      properties: [
        { name: 'raireki:containsPhi', value: 'true' },
        { name: 'raireki:classification', value: 'phi' },
        { name: 'hospital:ward', value: '7' },
      ],
      data: [{ type: 'dataset', name: 'Ward notes', sensitiveData: ['PHI'] }],
      components: [{ type: 'data', 'bom-ref': 'notes-2024', name: 'Notes 2024' }],
    },
    { type: 'library', 'bom-ref': 'torch', name: 'torch', version: '2.3', supplier: { name: 'PyTorch' } },
  ],
  dependencies: [
    { ref: 'med', dependsOn: ['notes', 'torch', 'missing-ref'] },
    { ref: 'notes', dependsOn: ['notes-2024'] },
    { ref: 'ghost', dependsOn: ['med'] },
  ],
  services: [{ name: 'api' }],
};

describe('CycloneDX import', () => {
  const r = run([['bom.json', JSON.stringify(bom)]]);

  it('machine-learning-model → model with the Hub id of its purl; licences, version, url', () => {
    expect(r.node('hf:acme/med-7b')).toMatchObject({ kind: 'model', name: 'Med-7B', version: 'v2', license: 'Apache-2.0', architecture: 'llama', url: 'https://example.org/med' });
    expect(r.node('hf:acme/med-7b')!.attributes).toMatchObject({
      approach: 'supervised',
      task: 'text-generation',
      modelArchitecture: 'LlamaForCausalLM',
      inputs: ['text'],
      'considerations.users': ['clinicians'],
      'externalReference.vcs': 'https://git.example.org/med',
      purl: 'pkg:huggingface/Acme/Med-7B@abc',
    });
  });

  it('data → dataset with SHA-256 contentHash (other hashes as attributes) and raireki: properties as fields', () => {
    const d = r.node('cdx:notes')!;
    expect(d).toMatchObject({ kind: 'dataset', classification: 'phi', containsPhi: true, contentHash: `sha256:${'ab'.repeat(32)}`, description: { en: 'Discharge notes' } });
    expect(d.attributes).toMatchObject({ 'hash.MD5': '0123456789abcdef0123456789abcdef', 'hospital:ward': '7', sensitiveData: ['PHI'] });
  });

  it('other component types → entity nodes keeping their type; unknown keys as attributes', () => {
    expect(r.node('cdx:torch')).toMatchObject({ kind: 'entity', subtype: 'other', attributes: { cdx_type: 'library', supplier: '{"name":"PyTorch"}' } });
  });

  it('model card data sets and model→data dependencies → used by the training run that generated the model', () => {
    expect(r.rel('wasGeneratedBy', 'hf:acme/med-7b').map((x) => x.to)).toEqual(['hf:acme/med-7b#training']);
    expect(r.rel('used', 'hf:acme/med-7b#training').map((x) => [x.to, x.role])).toEqual([
      ['cdx:notes', 'training data'],
      ['hf:acme/med-7b#dataset-1', 'training data'],
    ]);
    expect(r.node('hf:acme/med-7b#dataset-1')).toMatchObject({ kind: 'dataset', name: 'Inline set' });
  });

  it('performance metrics → evaluations of an evaluation run that used the model', () => {
    expect(r.node('hf:acme/med-7b#metric-0')).toMatchObject({ kind: 'evaluation', metric: 'accuracy', benchmark: 'MedQA', value: 0.81 });
    expect(r.node('hf:acme/med-7b#metric-1')!.value).toBeUndefined();
    expect((r.node('hf:acme/med-7b#metric-1')!.attributes as Record<string, unknown>).value).toBe('about 0.7');
    expect(r.rel('used', 'hf:acme/med-7b#evaluation')[0]).toMatchObject({ to: 'hf:acme/med-7b', role: 'evaluated model' });
    expect(r.rel('wasGeneratedBy', 'hf:acme/med-7b#metric-0')[0]!.to).toBe('hf:acme/med-7b#evaluation');
  });

  it('pedigree ancestors → wasDerivedFrom, variants → alternateOf, nested components → hadMember, data dependsOn data → wasDerivedFrom', () => {
    expect(r.rel('wasDerivedFrom', 'hf:acme/med-7b').map((x) => x.to)).toEqual(['hf:meta/base-7b']);
    expect(r.node('hf:meta/base-7b')).toMatchObject({ kind: 'model', name: 'Base-7B' });
    expect(r.rel('alternateOf', 'hf:acme/med-7b').map((x) => x.to)).toEqual(['cdx:med-q4']);
    expect(r.rel('hadMember', 'cdx:notes').map((x) => x.to)).toEqual(['cdx:notes-2024']);
    expect(r.rel('wasDerivedFrom', 'cdx:notes').map((x) => x.to)).toEqual(['cdx:notes-2024']);
    expect(r.rel('wasInfluencedBy', 'hf:acme/med-7b').map((x) => x.to)).toEqual(['cdx:torch']);
  });

  it('reports dangling dependency refs and unmapped top-level keys, and imports the rest', () => {
    const paths = r.issues('unmapped').map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['dependencies[0].dependsOn[2]', 'dependencies[2].ref', 'services']));
    expect(r.issues('unmapped').find((i) => i.path === 'dependencies[0].dependsOn[2]')!.message).toMatch(/"missing-ref" names no component/);
  });

  it('a BOM written by Raireki: bom-refs are node ids', () => {
    const own = { ...bom, metadata: { tools: { components: [{ type: 'application', name: 'Raireki' }] } } };
    const x = run([['own.json', JSON.stringify(own)]]);
    expect(x.node('notes')).toMatchObject({ kind: 'dataset', containsPhi: true });
    expect(x.node('torch')).toBeDefined();
  });

  it('refuses __proto__ keys and property names', () => {
    const text = JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: [{ type: 'data', 'bom-ref': 'd', name: 'D', properties: [{ name: '__proto__', value: 'x' }], ['__proto_' + '_']: 1 }],
    }).replace('"__proto__":1', '"__proto__":{"polluted":true}');
    const x = run([['p.json', text]]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(x.node('cdx:d')).toMatchObject({ kind: 'dataset', name: 'D' });
    expect(x.node('cdx:d')!.attributes).toBeUndefined();
    expect(x.issues('unmapped').filter((i) => i.message.includes('cannot be stored safely')).length).toBe(2);
  });

  it('cuts a 50 MB description with a note', () => {
    const x = run([['big.json', JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'data', 'bom-ref': 'd', name: 'D', description: 'y'.repeat(50 * 1024 * 1024) }] })]]);
    expect(((x.node('cdx:d')!.description as { en: string }).en).length).toBe(100_000);
    expect(x.issues('note').some((i) => i.message.includes('was cut'))).toBe(true);
  });

  it('a file that is not what it claims: a "BOM" whose components are not a list, and a truncated BOM', () => {
    const x = run([
      ['a.json', JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: 'nope' })],
      ['b.json', '{"bomFormat": "CycloneDX", "components": [{"type": "data"'],
      ['c.json', JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'data', 'bom-ref': 'ok', name: 'OK' }] })],
    ]);
    expect(x.issues('error').map((i) => [i.file, i.path])).toEqual([['a.json', 'components']]);
    expect(x.report.skipped.map((s) => s.file)).toEqual(['b.json']);
    expect(x.node('cdx:ok')).toBeDefined();
  });
});
