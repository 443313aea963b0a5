/** Op definitions: 1-D FFTs over the innermost dimension (kernels: src/runtime/kernels/spectral.ts). */
import type { OpSpecTable } from '../opdef.js';

const complexFft = { in: ['input: Tcomplex'], out: ['output: Tcomplex'], attrs: ['Tcomplex: type = complex64'] };
const realAttrs = ['Treal: type = float32', 'Tcomplex: type = complex64'];

export const spectralOps: OpSpecTable = {
  FFT: complexFft,
  IFFT: complexFft,
  RFFT: { in: ['input: Treal', 'fft_length: int32'], out: ['output: Tcomplex'], attrs: realAttrs },
  IRFFT: { in: ['input: Tcomplex', 'fft_length: int32'], out: ['output: Treal'], attrs: realAttrs },
};
