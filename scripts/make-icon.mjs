// Draws the extension icon (three etcd members around a quorum ring) as a 128×128 PNG, without image tools.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const pixels = Buffer.alloc(size * size * 4);
const put = (x, y, [r, g, b, a]) => {
  const i = (y * size + x) * 4;
  pixels.set([r, g, b, a], i);
};
const teal = [65, 158, 218, 255];
const white = [255, 255, 255, 255];
const dark = [24, 43, 73, 255];
const members = [0, 1, 2].map((k) => {
  const angle = -Math.PI / 2 + (k * 2 * Math.PI) / 3;
  return [64 + 36 * Math.cos(angle), 64 + 36 * Math.sin(angle)];
});
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const dx = x - 63.5;
    const dy = y - 63.5;
    const r = Math.hypot(dx, dy);
    let colour = r < 62 ? dark : [0, 0, 0, 0];
    if (Math.abs(r - 36) < 3) colour = teal;
    for (const [mx, my] of members)
      if (Math.hypot(x - mx, y - my) < 13) colour = Math.hypot(x - mx, y - my) < 9 ? white : teal;
    put(x, y, colour);
  }
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const rows = Buffer.concat(
  Array.from({ length: size }, (_, y) =>
    Buffer.concat([Buffer.from([0]), pixels.subarray(y * size * 4, (y + 1) * size * 4)]),
  ),
);
writeFileSync(
  new URL('../images/icon.png', import.meta.url),
  Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]),
);
