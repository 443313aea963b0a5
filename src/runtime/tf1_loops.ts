/**
 * TF1 while loops (Enter / Merge / Switch / LoopCond / NextIteration / Exit) turned into
 * structured loops at indexing time. Each frame becomes one `_TF1Loop` node whose inputs are the
 * frame's Enter inputs and whose outputs feed the frame's Exit nodes; inner frames are collapsed
 * first, so a loop body holds its nested loops as single nodes. The executor then runs a frame
 * as: vars = Enter values; while cond(vars): vars = body(vars); Exit_j = vars[j], where cond
 * and body are ordinary plans over the frame's nodes fed at the Merge and Switch outputs.
 */
import { SavedModelError } from '../errors.js';
import type { GraphIndex, IndexedNode, TensorRef } from './graph_index.js';

/** One collapsed frame. */
export interface LoopInfo {
  readonly frame: string;
  /** Loop variables, one per Merge: its Enter (input slot), Merge, Switch, NextIteration input. */
  readonly vars: readonly { enter: number; merge: number; switchNode: number; next: TensorRef }[];
  /** Loop-invariant Enters (is_constant), as input slots, fed to every iteration. */
  readonly constants: readonly number[];
  /** The Enter node of each input slot. */
  readonly enterNodes: readonly number[];
  /** The tensor LoopCond reads. */
  readonly cond: TensorRef;
  /** For each output of the loop node: which variable it carries. */
  readonly exits: readonly number[];
}

const ENTER = new Set(['Enter', 'RefEnter']);
const EXIT = new Set(['Exit', 'RefExit']);
const MERGE = new Set(['Merge', 'RefMerge']);
const SWITCH = new Set(['Switch', 'RefSwitch']);
const NEXT = new Set(['NextIteration', 'RefNextIteration']);

function frameOf(n: IndexedNode): string {
  return String(n.attrs.frame_name ?? '');
}

/** Nodes of a frame: forward from its Enters along data and control edges, stopping at Exits. */
function region(g: GraphIndex, enters: number[], consumers: number[][]): Set<number> {
  const seen = new Set<number>(enters);
  const stack = [...enters];
  while (stack.length) {
    const i = stack.pop()!;
    // A frame ends at its Exits (Exits of already collapsed inner loops read a _TF1Loop node).
    if (EXIT.has(g.nodes[i].op) && g.nodes[g.nodes[i].inputs[0]?.node]?.op !== '_TF1Loop') continue;
    for (const c of consumers[i]) {
      if (!seen.has(c)) {
        seen.add(c);
        stack.push(c);
      }
    }
  }
  return seen;
}

function fail(g: GraphIndex, frame: string, why: string): never {
  throw new SavedModelError('INVALID_ARGUMENT', `${g.what}: TF1 while loop '${frame}': ${why}`);
}

/** Replaces every TF1 loop frame of `g` by a `_TF1Loop` node (innermost first). */
export function collapseLoops(g: GraphIndex): void {
  const frames = new Map<string, number[]>();
  for (const n of g.nodes) if (ENTER.has(n.op)) frames.set(frameOf(n), [...(frames.get(frameOf(n)) ?? []), n.index]);
  while (frames.size) {
    const consumers: number[][] = g.nodes.map(() => []);
    for (const n of g.nodes) {
      for (const r of n.inputs) consumers[r.node].push(n.index);
      for (const c of n.controls) consumers[c].push(n.index);
    }
    let done = false;
    for (const [frame, enters] of frames) {
      const nodes = region(g, enters, consumers);
      const nested = [...nodes].some((i) => ENTER.has(g.nodes[i].op) && frameOf(g.nodes[i]) !== frame);
      if (nested) continue;
      collapse(g, frame, enters, nodes);
      frames.delete(frame);
      done = true;
    }
    if (!done) throw new SavedModelError('INVALID_ARGUMENT', `${g.what}: TF1 loop frames ${[...frames.keys()].join(', ')} are not properly nested`);
  }
}

function collapse(g: GraphIndex, frame: string, enters: number[], nodes: Set<number>): void {
  const merges = [...nodes].filter((i) => MERGE.has(g.nodes[i].op));
  const inputs: TensorRef[] = [];
  const enterSlot = new Map<number, number>();
  for (const e of enters) {
    enterSlot.set(e, inputs.length);
    inputs.push(g.nodes[e].inputs[0]);
  }
  const vars = merges.map((m) => {
    const mn = g.nodes[m];
    const enter = mn.inputs.find((r) => ENTER.has(g.nodes[r.node].op));
    const nextRef = mn.inputs.find((r) => NEXT.has(g.nodes[r.node].op));
    if (!enter || !nextRef || mn.inputs.length !== 2) fail(g, frame, `Merge '${mn.name}' should join one Enter and one NextIteration`);
    const sw = [...nodes].find((i) => SWITCH.has(g.nodes[i].op) && g.nodes[i].inputs[0].node === m);
    if (sw === undefined) fail(g, frame, `no Switch reads Merge '${mn.name}'`);
    return { enter: enterSlot.get(enter.node)!, merge: m, switchNode: sw, next: g.nodes[nextRef.node].inputs[0] };
  });
  const loopCond = [...nodes].find((i) => g.nodes[i].op === 'LoopCond');
  if (loopCond === undefined) fail(g, frame, 'no LoopCond');
  const constants = enters.filter((e) => g.nodes[e].attrs.is_constant === true);
  const exitNodes = [...nodes].filter((i) => EXIT.has(g.nodes[i].op) && g.nodes[g.nodes[i].inputs[0].node].op !== '_TF1Loop').sort((a, b) => a - b);
  const exits = exitNodes.map((x) => {
    const src = g.nodes[x].inputs[0];
    const v = vars.findIndex((w) => w.switchNode === src.node && src.output === 0);
    if (v < 0) fail(g, frame, `Exit '${g.nodes[x].name}' does not read a loop Switch's false output`);
    return v;
  });
  const info: LoopInfo = { frame, vars, constants: constants.map((e) => enterSlot.get(e)!), enterNodes: enters, cond: g.nodes[loopCond].inputs[0], exits };
  const index = g.nodes.length;
  const loopNode: IndexedNode = {
    index, name: `${frame}/_loop`, op: '_TF1Loop', device: '', def: undefined, isFunctionCall: false,
    attrs: {}, numOutputs: exits.length, outDtypes: exitNodes.map((x) => g.nodes[x].outDtypes[0]),
    inputs, controls: [], refInputs: inputs.map(() => false), loop: info,
  };
  g.nodes.push(loopNode);
  g.byName.set(loopNode.name, index);
  exitNodes.forEach((x, j) => {
    g.nodes[x].inputs = [{ node: index, output: j }];
    g.nodes[x].controls = [];
  });
  // Enter outputs are fed by the loop; detaching their inputs keeps enclosing frames' regions clean.
  for (const e of enters) {
    g.nodes[e].inputs = [];
    g.nodes[e].controls = [];
  }
}
