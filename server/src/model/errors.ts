/** Thrown for model input that cannot be estimated: unknown names, no voting members, negative durations. */
export class ModelInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelInputError';
  }
}
