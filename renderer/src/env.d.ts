// Types `window.gilscope` from the shared contract. Optional: the page may run outside the shell.
import type { GilscopeApi } from '../../main/shared/api-contract.ts';

declare global {
  interface Window {
    gilscope?: GilscopeApi;
  }
}

export {};
