/** Sends one small Anthropic Messages request with a Gatehouse key; answers the status (body drained). */
export async function sendMessage(gate: { url: string }, key: string, model = 'claude-sonnet-4-5') {
  const response = await fetch(`${gate.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({ model, max_tokens: 32, messages: [{ role: 'user', content: 'hi' }] }),
  });
  await response.arrayBuffer();
  return response.status;
}
