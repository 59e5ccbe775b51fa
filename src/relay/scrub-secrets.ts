/**
 * Upstream error bodies are relayed to callers, and some upstreams echo the credential they were sent
 * ("invalid x-api-key sk-ant-…"). Everything that looks like a key is replaced before it leaves.
 */
const keyLikePatterns = [/sk-ant-[A-Za-z0-9_-]{8,}/g, /sk-gate-[A-Za-z0-9]{8,}/g, /sk-[A-Za-z0-9_-]{20,}/g];

export function scrubSecrets(text: string, knownSecrets: readonly string[]): string {
  let result = text;
  for (const secret of knownSecrets) {
    if (secret.length >= 8) result = result.split(secret).join('[redacted]');
  }
  for (const pattern of keyLikePatterns) result = result.replace(pattern, '[redacted]');
  return result;
}
