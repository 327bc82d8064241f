import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { WeftError } from '../../plugin/errors.js';

/**
 * Reads a plugin's component safely: never through a link, never blocking on
 * a FIFO, only a regular file, and never more than `maxBytes + 1` bytes (a
 * link to /dev/zero or a huge file must not exhaust memory; admission then
 * refuses anything over the limit).
 */
export async function readComponent(file: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW).catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'ELOOP' ? 'it is a symbolic link (components must be real files inside the plugin folder)'
      : error.code === 'ENOENT' ? 'it does not exist' : error.message;
    throw new WeftError(`cannot read the component ${file}: ${why}`, { code: 'plugin-component-unreadable', file, field: 'wasm_module',
      fix: 'Build the plugin, or correct wasm_module in the manifest (a path relative to the plugin folder).' });
  });
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw new WeftError(`the component ${file} is not a regular file`, { code: 'plugin-component-unreadable', file, field: 'wasm_module',
        fix: 'Point wasm_module at the built .wasm file.' });
    }
    const size = Math.min(stat.size, maxBytes + 1);
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(buffer, read, size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return new Uint8Array(buffer.buffer, buffer.byteOffset, read);
  } finally {
    await handle.close();
  }
}
