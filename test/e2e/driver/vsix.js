// Unpacks the VSIX's extension/ folder, so the extension-host suite loads exactly what users install.
'use strict';
const fs = require('fs');
const path = require('path');
const yauzl = require('yauzl');

function unpackVsix(vsix, dest) {
  return new Promise((resolve, reject) => {
    yauzl.open(vsix, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      let count = 0;
      zip.on('entry', (entry) => {
        if (!entry.fileName.startsWith('extension/') || entry.fileName.endsWith('/')) return zip.readEntry();
        const target = path.join(dest, entry.fileName.slice('extension/'.length));
        if (!target.startsWith(dest + path.sep)) return reject(new Error(`bad path in VSIX: ${entry.fileName}`));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err);
          stream
            .pipe(fs.createWriteStream(target))
            .on('finish', () => {
              count++;
              zip.readEntry();
            })
            .on('error', reject);
        });
      });
      zip.on('end', () =>
        count > 0 && fs.existsSync(path.join(dest, 'package.json'))
          ? resolve(dest)
          : reject(new Error(`${vsix} holds no extension/package.json`)),
      );
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

module.exports = { unpackVsix };
