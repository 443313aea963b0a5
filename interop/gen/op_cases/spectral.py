"""Golden cases: FFT, IFFT, RFFT, IRFFT (direct and four-step sizes, cropping)."""
from op_cases.common import case, rand, t

TOL = 1e-5  # absolute tolerance: this times the largest output magnitude


def c(shape, seed):
    return rand(shape, 'complex64', seed=seed)


def fft(op, x, name):
    return case(op, x, name=name, atol_scale=TOL)


def real(op, x, n, name):
    return case(op, x, t([n], 'int32'), name=name, atol_scale=TOL)


CASES = [
    fft('FFT', c([2, 8], 61), '2x8'),
    fft('FFT', c([3, 5], 62), 'odd length 5'),
    fft('FFT', c([1], 63), 'length 1'),
    fft('FFT', c([2, 2, 6], 64), '3-D'),
    fft('FFT', c([1, 257], 65), 'prime length 257'),
    fft('FFT', c([1, 512], 66), 'four-step 512'),
    fft('FFT', c([1, 300], 67), 'four-step 300'),
    fft('IFFT', c([2, 8], 68), '2x8'),
    fft('IFFT', c([3, 7], 69), 'odd length 7'),
    fft('IFFT', c([1, 384], 70), 'four-step 384'),
    real('RFFT', rand([2, 8], seed=71), 8, 'length 8'),
    real('RFFT', rand([2, 8], seed=72), 6, 'cropped to 6'),
    real('RFFT', rand([2, 8], seed=73), 11, 'shorter than fft_length fails'),
    real('RFFT', rand([2, 3, 16], seed=74), 16, '3-D'),
    real('RFFT', rand([1, 512], seed=75), 512, 'four-step 512'),
    real('IRFFT', c([2, 5], 76), 8, 'length 8 (DC and Nyquist imaginary parts ignored)'),
    real('IRFFT', c([2, 4], 77), 7, 'odd length 7'),
    real('IRFFT', c([2, 5], 78), 12, 'shorter than fft_length/2+1 fails'),
    real('IRFFT', c([2, 5], 79), 5, 'cropped input'),
    real('IRFFT', c([3, 2, 9], 80), 16, '3-D'),
    real('IRFFT', c([1, 257], 81), 512, 'four-step 512'),
]
