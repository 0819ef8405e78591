/**
 * A small builder for ONNX graphs written from TypeScript with onnx-proto (the protobuf
 * definitions of the format), used to generate the project's own models: the tiny BERT
 * test model and the corpus-trained static embedding model. Initialisers are stored as
 * little-endian raw bytes, which is what onnxruntime reads fastest.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
type Onnx = typeof onnx;
export type NodeProto = ReturnType<Onnx['NodeProto']['create']>;
export type TensorProto = ReturnType<Onnx['TensorProto']['create']>;
type ValueInfoProto = ReturnType<Onnx['ValueInfoProto']['create']>;

/** Opset 18: ReduceMean/ReduceSum/ReduceL2 take their axes as an input tensor. */
export const OPSET = 18;
export const DataType = onnx.TensorProto.DataType;

type TypedData = Float32Array | Int32Array | Int8Array | BigInt64Array;

function dataTypeOf(data: TypedData): number {
  if (data instanceof Float32Array) return DataType.FLOAT;
  if (data instanceof Int32Array) return DataType.INT32;
  if (data instanceof Int8Array) return DataType.INT8;
  return DataType.INT64;
}

export function initializer(name: string, dims: readonly number[], data: TypedData): TensorProto {
  const size = dims.reduce((a, b) => a * b, 1);
  if (size !== data.length) throw new Error(`initializer ${name}: ${data.length} values for shape [${dims.join(', ')}]`);
  // Typed arrays are little-endian on every platform JavaScript runs on that we support.
  const rawData = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  return onnx.TensorProto.create({ name, dims: [...dims], dataType: dataTypeOf(data), rawData });
}

export function int64s(name: string, values: readonly number[]): TensorProto {
  return initializer(name, [values.length], BigInt64Array.from(values.map(BigInt)));
}

export function scalar(name: string, value: number): TensorProto {
  return initializer(name, [], Float32Array.of(value));
}

/** Integers, strings and integer lists as themselves; floats wrapped as `{ float: x }`. */
type Attr = number | string | readonly number[] | { readonly float: number };

export function node(opType: string, inputs: readonly string[], outputs: readonly string[], attrs: Record<string, Attr> = {}): NodeProto {
  const T = onnx.AttributeProto.AttributeType;
  const attribute = Object.entries(attrs).map(([name, v]) => {
    if (typeof v === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(v) };
    if (Array.isArray(v)) return { name, type: T.INTS, ints: [...(v as readonly number[])] };
    if (typeof v === 'object') return { name, type: T.FLOAT, f: (v as { float: number }).float };
    if (!Number.isInteger(v)) throw new Error(`attribute ${name}: ${v} is not an integer (wrap floats as { float })`);
    return { name, type: T.INT, i: v };
  });
  return onnx.NodeProto.create({ opType, input: [...inputs], output: [...outputs], attribute, name: outputs[0] ?? opType });
}

export function valueInfo(name: string, elemType: number, dims: readonly (number | string)[]): ValueInfoProto {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  });
}

export interface GraphSpec {
  readonly name: string;
  readonly doc: string;
  readonly nodes: readonly NodeProto[];
  readonly initializers: readonly TensorProto[];
  readonly inputs: readonly ValueInfoProto[];
  readonly outputs: readonly ValueInfoProto[];
}

export function encodeModel(spec: GraphSpec): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'raireki',
    docString: spec.doc,
    graph: onnx.GraphProto.create({
      name: spec.name,
      node: [...spec.nodes],
      initializer: [...spec.initializers],
      input: [...spec.inputs],
      output: [...spec.outputs],
    }),
  });
  return onnx.ModelProto.encode(model).finish();
}
