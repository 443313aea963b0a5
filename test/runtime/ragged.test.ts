import { ensureBackend } from '../../src/runtime/backend.js';
import { goldenTests } from './goldens_array.js';

beforeAll(() => ensureBackend());

describe('ragged ops match TensorFlow', () => goldenTests('ragged'));
