import { useTranslation } from 'react-i18next';
import type { AccountView, ProviderView } from '../../../api/types';
import { parseList, parseOptionalInt, TextAreaField, TextField, Toggle } from '../../../components/field';

/** The account type of Claude subscription logins (no API key: see claude-oauth-connect.tsx). */
export const claudeOAuthType = 'claude-oauth';

export interface AccountFormState {
  type: string;
  name: string;
  apiKey: string;
  baseUrl: string;
  models: string;
  priority: string;
  weight: string;
  concurrencyLimit: string;
  group: string;
  enabled: boolean;
  proxyUrl: string;
  extraHeaders: string;
}

export function accountFormState(type: string, account?: AccountView): AccountFormState {
  return {
    type: account?.type ?? type,
    name: account?.name ?? '',
    apiKey: '',
    baseUrl: account?.baseUrl ?? '',
    models: (account?.models ?? [])
      .map((model) =>
        typeof model === 'string'
          ? model
          : model.upstreamModel
            ? `${model.name} -> ${model.upstreamModel}`
            : model.name,
      )
      .join('\n'),
    priority: String(account?.priority ?? 0),
    weight: String(account?.weight ?? 1),
    concurrencyLimit: account?.concurrencyLimit?.toString() ?? '',
    group: account?.group ?? '',
    enabled: account?.enabled ?? true,
    proxyUrl: account?.proxyUrl ?? '',
    extraHeaders: '',
  };
}

/** `claude-* -> deepseek-chat` renames a model upstream; a bare name serves it as is. */
function parseModels(text: string) {
  return parseList(text.replaceAll(',', '\n')).map((line) => {
    const [name, upstreamModel] = line.split(/\s*->\s*/);
    return upstreamModel ? { name: name as string, upstreamModel } : (name as string);
  });
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf(':');
    if (at > 0) headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return headers;
}

/** The request body for create (everything) or edit (the credential and headers only when typed). */
export function toAccountBody(
  state: AccountFormState,
  editing: boolean,
): { body: Record<string, unknown> } | { invalid: string } {
  const priority = Number(state.priority);
  const weight = Number(state.weight);
  const concurrencyLimit = parseOptionalInt(state.concurrencyLimit);
  if (!Number.isInteger(priority)) return { invalid: 'priority' };
  if (!Number.isInteger(weight) || weight < 1) return { invalid: 'weight' };
  if (Number.isNaN(concurrencyLimit)) return { invalid: 'concurrencyLimit' };
  const body: Record<string, unknown> = {
    name: state.name.trim(),
    models: parseModels(state.models),
    priority,
    weight,
    concurrencyLimit,
    group: state.group.trim() || null,
    enabled: state.enabled,
    // A masked proxy (password shown as ***) is left alone unless retyped.
    ...(state.proxyUrl.includes('***') ? {} : { proxyUrl: state.proxyUrl.trim() || null }),
  };
  if (!editing) body.type = state.type;
  if (state.baseUrl.trim()) body.baseUrl = state.baseUrl.trim();
  // A Claude subscription's credential comes from its login (claude-oauth-connect.tsx), never typed.
  if (state.type !== claudeOAuthType && (state.apiKey.trim() || !editing)) body.apiKey = state.apiKey.trim();
  if (state.extraHeaders.trim() || !editing) body.extraHeaders = parseHeaders(state.extraHeaders);
  return { body };
}

export function AccountForm({
  state,
  onChange,
  provider,
  editing,
  invalid,
  headerNames,
}: {
  state: AccountFormState;
  onChange: (state: AccountFormState) => void;
  provider: ProviderView | undefined;
  editing: boolean;
  invalid: string | null;
  headerNames?: string[];
}) {
  const { t } = useTranslation('accounts');
  const set = <K extends keyof AccountFormState>(name: K, value: AccountFormState[K]) =>
    onChange({ ...state, [name]: value });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField
        label={t('field.name')}
        required
        value={state.name}
        onChange={(e) => set('name', e.target.value)}
      />
      {state.type !== claudeOAuthType && (
        <TextField
          label={t('field.apiKey')}
          type="password"
          autoComplete="off"
          required={!editing}
          value={state.apiKey}
          placeholder={editing ? t('field.apiKeyKeep') : ''}
          onChange={(e) => set('apiKey', e.target.value)}
          hint={t(`typeHint.${state.type}`, { defaultValue: t('field.apiKeyHint') })}
        />
      )}
      <TextField
        label={t('field.baseUrl')}
        className="sm:col-span-2"
        value={state.baseUrl}
        placeholder={provider?.defaultBaseUrl ?? 'https://'}
        onChange={(e) => set('baseUrl', e.target.value)}
        hint={provider?.baseUrlConvention}
      />
      <TextAreaField
        label={t('field.models')}
        className="sm:col-span-2"
        value={state.models}
        placeholder={'claude-*\ngpt-5 -> gpt-5-2025-08-07'}
        onChange={(e) => set('models', e.target.value)}
        hint={t('field.modelsHint')}
      />
      <TextField
        label={t('field.priority')}
        inputMode="numeric"
        value={state.priority}
        onChange={(e) => set('priority', e.target.value)}
        hint={t('field.priorityHint')}
        error={invalid === 'priority' ? t('field.integer') : undefined}
      />
      <TextField
        label={t('field.weight')}
        inputMode="numeric"
        value={state.weight}
        onChange={(e) => set('weight', e.target.value)}
        hint={t('field.weightHint')}
        error={invalid === 'weight' ? t('field.positive') : undefined}
      />
      <TextField
        label={t('field.group')}
        value={state.group}
        onChange={(e) => set('group', e.target.value)}
        hint={t('field.groupHint')}
      />
      <TextField
        label={t('field.concurrencyLimit')}
        inputMode="numeric"
        value={state.concurrencyLimit}
        placeholder={t('common:unlimited')}
        onChange={(e) => set('concurrencyLimit', e.target.value)}
        error={invalid === 'concurrencyLimit' ? t('field.positive') : undefined}
      />
      <TextField
        label={t('field.proxyUrl')}
        className="sm:col-span-2"
        value={state.proxyUrl}
        placeholder="socks5://user:pass@proxy:1080"
        onChange={(e) => set('proxyUrl', e.target.value)}
        hint={t('field.proxyHint')}
      />
      <TextAreaField
        label={t('field.extraHeaders')}
        className="sm:col-span-2"
        value={state.extraHeaders}
        placeholder="x-team: platform"
        onChange={(e) => set('extraHeaders', e.target.value)}
        hint={
          headerNames && headerNames.length > 0
            ? t('field.extraHeadersKeep', { names: headerNames.join(', ') })
            : t('field.extraHeadersHint')
        }
      />
      <Toggle
        label={t('field.enabled')}
        checked={state.enabled}
        onChange={(value) => set('enabled', value)}
      />
    </div>
  );
}
