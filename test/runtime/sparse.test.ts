import { ensureBackend } from '../../src/runtime/backend.js';
import { goldenTests } from './goldens_array.js';

beforeAll(() => ensureBackend());

describe('sparse ops match TensorFlow', () => goldenTests('sparse'));
