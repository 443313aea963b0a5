/** Prints the ops the registry defines, one per line (input of scripts/gen-op-list.py). */
import { definedOps } from '../src/graph/ops/index.js';

process.stdout.write(definedOps().join('\n') + '\n');
