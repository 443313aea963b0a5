import { ensureBackend } from '../../src/runtime/backend.js';
import { goldenTests } from './goldens.js';

beforeAll(() => ensureBackend());

describe('image ops match TensorFlow', () => goldenTests('image'));
