/**
 * What colours the map's points: a model's family (its root base model), its licence, or its
 * score on one benchmark. Categories beyond the palette share one grey, named in the legend,
 * so that a zoo of 24 families stays readable; scores run along a sequential scale.
 */
import type { ModelMapInput } from '../../core/model-map/index.ts';

/** Tableau 10: distinct on white and for the common colour-vision deficiencies. */
export const CATEGORY_COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#17becf'] as const;
export const OTHER_COLOUR = '#bac4d0';
const SCALE = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'] as const;

export type ColourMode = { kind: 'family' } | { kind: 'license' } | { kind: 'score'; benchmark: number };

export interface LegendEntry {
  colour: string;
  /** A model's index whose name labels the entry (family), or a text (licence), or null for "other". */
  model?: number;
  text?: string;
  /** How many models it covers. */
  count: number;
  other?: true;
}

export interface Colouring {
  /** Colour of each model (index-aligned). */
  colours: string[];
  legend: LegendEntry[];
  /** For scores: the range shown, and how many models have no score on the benchmark. */
  range?: { min: number; max: number; missing: number };
}

/** "family", "license", "score:<benchmark>" (URL form) → the mode; an unknown benchmark falls back to family. */
export function parseColourMode(value: string, input: ModelMapInput): ColourMode {
  if (value === 'license') return { kind: 'license' };
  if (value.startsWith('score:')) {
    const benchmark = input.benchmarks.indexOf(value.slice('score:'.length));
    if (benchmark >= 0) return { kind: 'score', benchmark };
  }
  return { kind: 'family' };
}

export function colourModeValue(mode: ColourMode, input: ModelMapInput): string {
  return mode.kind === 'score' ? `score:${input.benchmarks[mode.benchmark]}` : mode.kind;
}

export function colourModels(input: ModelMapInput, mode: ColourMode): Colouring {
  if (mode.kind === 'score') return byScore(input, mode.benchmark);
  const keys = input.models.map((m) => (mode.kind === 'family' ? String(m.family) : (m.license ?? '')));
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  // Largest groups first (ties by name), the missing licence never gets a colour of its own.
  const label = (k: string) => (mode.kind === 'family' ? input.models[Number(k)]!.name : k);
  const ranked = [...counts].filter(([k]) => k !== '').sort((a, b) => b[1] - a[1] || label(a[0]).localeCompare(label(b[0])));
  const coloured = new Map(ranked.slice(0, CATEGORY_COLOURS.length).map(([k], i) => [k, CATEGORY_COLOURS[i]!]));
  const legend: LegendEntry[] = ranked
    .slice(0, CATEGORY_COLOURS.length)
    .map(([k, count]) => (mode.kind === 'family' ? { colour: coloured.get(k)!, model: Number(k), count } : { colour: coloured.get(k)!, text: k, count }));
  const others = keys.filter((k) => !coloured.has(k)).length;
  if (others > 0) legend.push({ colour: OTHER_COLOUR, count: others, other: true });
  return { colours: keys.map((k) => coloured.get(k) ?? OTHER_COLOUR), legend };
}

function byScore(input: ModelMapInput, benchmark: number): Colouring {
  const value = new Float64Array(input.models.length).fill(NaN);
  for (let i = 0; i < input.models.length; i++) {
    for (let p = input.scoreOffsets[i]!; p < input.scoreOffsets[i + 1]!; p++) if (input.scoreKeys[p] === benchmark) value[i] = input.scoreValues[p]!;
  }
  let [min, max, missing] = [Infinity, -Infinity, 0];
  for (const v of value) {
    if (Number.isNaN(v)) missing++;
    else [min, max] = [Math.min(min, v), Math.max(max, v)];
  }
  const colours = Array.from(value, (v) => (Number.isNaN(v) ? OTHER_COLOUR : scaleColour(max > min ? (v - min) / (max - min) : 0.5)));
  const legend: LegendEntry[] = [];
  if (missing > 0) legend.push({ colour: OTHER_COLOUR, count: missing, other: true });
  return { colours, legend, range: { min, max, missing } };
}

/** A colour along the sequential scale, t in 0…1 (low = dark purple, high = yellow). */
export function scaleColour(t: number): string {
  const at = Math.min(1, Math.max(0, t)) * (SCALE.length - 1);
  const i = Math.min(SCALE.length - 2, Math.floor(at));
  const f = at - i;
  const a = SCALE[i]!;
  const b = SCALE[i + 1]!;
  const mix = (k: number) => Math.round(parseInt(a.slice(k, k + 2), 16) * (1 - f) + parseInt(b.slice(k, k + 2), 16) * f);
  return `rgb(${mix(1)}, ${mix(3)}, ${mix(5)})`;
}

export const SCALE_GRADIENT = `linear-gradient(to right, ${SCALE.join(', ')})`;

/** A model's score on a benchmark, if it has one. */
export function scoreOf(input: ModelMapInput, model: number, benchmark: number): number | undefined {
  for (let p = input.scoreOffsets[model]!; p < input.scoreOffsets[model + 1]!; p++) if (input.scoreKeys[p] === benchmark) return input.scoreValues[p]!;
  return undefined;
}
