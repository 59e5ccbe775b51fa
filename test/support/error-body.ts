/** The error envelope of a Gatehouse answer (Anthropic's shape, or the admin API's). */
export interface ErrorEnvelope {
  type?: string;
  error: { type: string; message: string };
}

export async function errorBody(response: Response): Promise<ErrorEnvelope> {
  return (await response.json()) as ErrorEnvelope;
}
