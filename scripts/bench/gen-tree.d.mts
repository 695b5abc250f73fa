export function treeFile(i: number): [string, string];
export function writeTree(root: string, files: number): number;
