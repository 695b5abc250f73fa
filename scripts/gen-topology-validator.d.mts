export const VALIDATOR_FILE: string;
export function topologyValidatorSource(): string;
