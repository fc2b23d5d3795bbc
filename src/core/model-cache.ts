import fs from 'node:fs';
import path from 'node:path';
import type { ClassifierSnapshot } from '../nlu/classifier.js';

/** Where a trained model is kept between starts, by the key of what it was trained on. */
export interface ModelCache {
  load(key: string): ClassifierSnapshot | undefined;
  save(key: string, model: ClassifierSnapshot): void;
}

/**
 * Models kept as files in `dir` (`data/` beside the knowledge cache): the
 * names as JSON, then the weights as raw 32-bit floats, so that a start after
 * no change reads them back instead of training again. Only the latest model
 * of a pack is kept; a folder that cannot be written only costs the cache.
 */
export function fileModelCache(dir: string, pack: string): ModelCache {
  const prefix = `classifier-${pack}-`;
  const fileOf = (key: string) => path.join(dir, `${prefix}${key}.bin`);
  return {
    load(key) {
      try {
        const buf = fs.readFileSync(fileOf(key));
        const headerLength = buf.readUInt32LE(0);
        const { labels, features } = JSON.parse(buf.toString('utf8', 4, 4 + headerLength)) as { labels: string[]; features: string[] };
        // copied out of the file's bytes: a Float32Array needs its own aligned memory
        const floats = new Float32Array(buf.buffer.slice(buf.byteOffset + 4 + headerLength, buf.byteOffset + buf.length));
        const size = features.length * labels.length;
        if (floats.length !== size + labels.length) return undefined;
        return { labels, features, weights: floats.subarray(0, size), bias: floats.subarray(size) };
      } catch {
        return undefined;
      }
    },
    save(key, model) {
      try {
        const header = Buffer.from(JSON.stringify({ labels: model.labels, features: model.features }), 'utf8');
        const length = Buffer.alloc(4);
        length.writeUInt32LE(header.length, 0);
        fs.mkdirSync(dir, { recursive: true });
        for (const old of fs.readdirSync(dir)) if (old.startsWith(prefix)) fs.rmSync(path.join(dir, old), { force: true });
        const floats = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
        fs.writeFileSync(fileOf(key), Buffer.concat([length, header, floats(model.weights), floats(model.bias)]));
      } catch {
        // a read-only folder only costs the cache
      }
    },
  };
}
