import { ensureBackend } from '../../src/runtime/backend.js';
import { goldenTests } from './goldens.js';

beforeAll(() => ensureBackend());

describe('ragged ops match TensorFlow', () => goldenTests('ragged'));
