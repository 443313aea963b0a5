import { ensureBackend } from '../../src/runtime/backend.js';
import { goldenTests } from './goldens_array.js';

beforeAll(() => ensureBackend());

describe('text ops match TensorFlow', () => goldenTests('text'));
