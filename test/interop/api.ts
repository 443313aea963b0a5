/**
 * The parts of the public API (src/index.ts) the interop tests use, looked up at run time: a
 * feature that is not exported yet makes its tests `test.todo` ("PENDING <name>: …") instead of
 * failing to compile, and they run as soon as the export lands. Shapes follow ../shared/API.md.
 */
import * as api from '../../src/index.js';
import type { HostTensorLike, TfjsTensorLike } from './values.js';

/** A SignatureDef as protobufjs decodes it (camelCase fields). */
export interface SignatureDefLike {
  methodName?: string;
  inputs?: Record<string, TensorInfoLike>;
  outputs?: Record<string, TensorInfoLike>;
}

/** A TensorInfo as protobufjs decodes it. */
export interface TensorInfoLike {
  name?: string;
  dtype?: number;
  tensorShape?: { dim?: Array<{ size?: number | { toNumber(): number } }>; unknownRank?: boolean } | null;
}

/** The decoded SavedModel message. */
export interface SavedModelLike {
  metaGraphs: Array<{
    metaInfoDef?: { tags?: string[]; tensorflowVersion?: string } | null;
    signatureDef?: Record<string, SignatureDefLike>;
    objectGraphDef?: unknown;
  }>;
}

/** readSavedModel(dir). */
export type ReadSavedModel = (dir: string) => Promise<SavedModelLike>;

/** BundleReader (checkpoints). */
export interface BundleReaderLike {
  keys(): string[];
  read(key: string): Promise<HostTensorLike>;
}
/** BundleReader's static side. */
export interface BundleReaderStatic {
  open(prefix: string): Promise<BundleReaderLike>;
}

/** A signature of a loaded model. */
export type SignatureFunctionLike = (inputs: Record<string, unknown>) => Record<string, TfjsTensorLike>;

/** loadModel's result. */
export interface LoadedModelLike {
  signatures: Record<string, SignatureFunctionLike>;
  dispose(): void;
  [attribute: string]: unknown;
}

/** loadModel(dir, opts). */
export type LoadModel = (dir: string, opts?: { tags?: string[] }) => Promise<LoadedModelLike>;

/** The v1 pieces used by the meta graph story. */
export interface V1Like {
  Graph: new () => { getTensorByName(name: string): unknown };
  Session: new (graph: unknown) => { run(fetches: unknown, feeds?: unknown): unknown };
  train: {
    importMetaGraph(file: string, opts?: { graph?: unknown }): Promise<{ restore(sess: unknown, prefix: string): Promise<void> }>;
    Saver: new (opts?: { graph?: unknown; varList?: unknown }) => { restore(sess: unknown, prefix: string): Promise<void> };
  };
  wrapFunction(fn: (graph: unknown) => void | Promise<void>, signature: unknown[]): Promise<{
    graph: { getTensorByName(name: string): unknown };
    variables: unknown;
    prune(feeds: unknown, fetches: unknown): (...args: unknown[]) => unknown;
  }>;
}

/** parseTextProto from src/textformat (text MetaGraphDef / checkpoint state). */
export type ParseTextProto = (typeName: string, text: string) => unknown;

const exported = api as unknown as Record<string, unknown>;

/** An export of src/index.ts by name, or undefined while it has not landed. */
export function optionalExport<T>(name: string): T | undefined {
  return exported[name] as T | undefined;
}

/** The TypeScript `tensorflow` namespace of generated message classes. */
export const proto = api.tensorflow;
