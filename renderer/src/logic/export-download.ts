// Browser-host exports arrive as base64 content with a suggested file name; this turns them into bytes
// and a safe name with the right extension. Pure (atob only), so the naming is tested without a DOM.
import type { ExportTarget } from '../../../main/shared/compare-types.ts';
import { EXPORT_EXTENSIONS, exportBaseName, type ExportFormat } from '../../../main/shared/export-formats.ts';

// The extension (with its dot) and MIME type of each format: the engine's table (main/shared/export-formats.ts).
export {
  EXPORT_EXTENSIONS as exportExtensions,
  EXPORT_MIME_TYPES as exportMimeTypes,
} from '../../../main/shared/export-formats.ts';

// The backend's suggested name reduced to a plain file name (no folders, control or reserved characters,
// no leading dots), falling back to the target's name, and always ending in the format's extension.
export function downloadFileName(
  suggested: string | null | undefined,
  target: ExportTarget,
  format: ExportFormat,
): string {
  const extension = EXPORT_EXTENSIONS[format];
  const last = (suggested ?? '').split(/[\\/]/).pop() ?? '';
  let name = last
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  if (name.length > 120) name = name.slice(0, 120);
  if (name === '' || name.replace(/_/g, '') === '') name = exportBaseName(target);
  if (!name.toLowerCase().endsWith(extension)) {
    const simple = extension.slice(extension.lastIndexOf('.'));
    name = name.toLowerCase().endsWith(simple) ? name.slice(0, -simple.length) + extension : name + extension;
  }
  return name;
}

// Decodes base64 into bytes (throws on malformed input, like atob).
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
