// Reading the files named on the command line, with one topology index across all of them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { recogniseFile } from '../analysis/recognisers';
import { MAY_BE_SHARED, TopologyIndex } from '../analysis/workspace';
import { findYamlFiles } from '../workspaceFiles';

export class UsageError extends Error {}

export interface InputFile {
  /** The path as the user will want to read it (relative to the working directory when below it). */
  display: string;
  uri: string;
  text: string;
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** Files named directly are read whatever their extension; directories are walked for *.yaml / *.yml. */
export function readInputs(paths: string[]): InputFile[] {
  if (paths.length === 0) throw new UsageError('no PATH given: name one or more YAML files or directories');
  const files: string[] = [];
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch {
      throw new UsageError(`cannot read ${given}: no such file or directory`);
    }
    if (stat.isDirectory()) files.push(...findYamlFiles(path.resolve(given)));
    else files.push(path.resolve(given));
  }
  return [...new Set(files)].map((file) => {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${displayPath(file)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    return { display: displayPath(file), uri: 'file://' + file.split(path.sep).join('/'), text };
  });
}

/** Topologies, StorageClasses and claims from every input, so a static pod or StatefulSet is checked against them in another file. */
export function indexTopologies(inputs: InputFile[]): TopologyIndex {
  const index = new TopologyIndex();
  for (const input of inputs) {
    if (!MAY_BE_SHARED.test(input.text)) continue;
    index.update(input.uri, recogniseFile(input.text).facts);
  }
  return index;
}
