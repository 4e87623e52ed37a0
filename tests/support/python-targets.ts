// The interpreters the tests run real processes on: pyenv 3.10–3.13, the free-threaded 3.13t with the GIL
// off and on, and Debian's 3.14 and 3.15 in the sid chroot. freeThreadedPython() and sidPython() throw when
// the build is missing, so those tests fail instead of skipping.
import { freeThreadedPython, pyenvPython, sidPython } from './spawn-python.ts';

/** One interpreter configuration under test. */
export interface PythonTarget {
  label: string;
  minor: number;
  python: () => string;
  env: Record<string, string>;
}

/** Every configuration CI can run. */
export const PYTHON_TARGETS: PythonTarget[] = [
  { label: '3.10', minor: 10, python: () => pyenvPython('3.10.13'), env: {} },
  { label: '3.11', minor: 11, python: () => pyenvPython('3.11.7'), env: {} },
  { label: '3.12', minor: 12, python: () => pyenvPython('3.12.1'), env: {} },
  { label: '3.13', minor: 13, python: () => pyenvPython('3.13.0'), env: {} },
  { label: '3.13t GIL off', minor: 13, python: freeThreadedPython, env: { PYTHON_GIL: '0' } },
  { label: '3.13t GIL on', minor: 13, python: freeThreadedPython, env: { PYTHON_GIL: '1' } },
  { label: '3.14 (sid chroot)', minor: 14, python: () => sidPython('3.14'), env: {} },
  { label: '3.15 (sid chroot)', minor: 15, python: () => sidPython('3.15'), env: {} },
];

/** The configurations installed on the machine itself (pyenv and 3.13t), without the sid chroot's. */
export const LOCAL_TARGETS: PythonTarget[] = PYTHON_TARGETS.filter((target) => target.minor <= 13);
