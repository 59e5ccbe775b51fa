import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKeyView } from '../../../api/types';
import { parseList, parseOptionalInt, TextAreaField, TextField, Toggle } from '../../../components/field';

/** The editable policy of a key as text fields; converted to the API's shape by toKeyBody. */
export interface KeyFormState {
  name: string;
  count: string;
  userId: string;
  group: string;
  enabled: boolean;
  expiresAt: string;
  allowedModels: string;
  deniedModels: string;
  ipAllowlist: string;
  rpmLimit: string;
  concurrencyLimit: string;
}

export function keyFormState(key?: ApiKeyView): KeyFormState {
  return {
    name: key?.name ?? '',
    count: '1',
    userId: key?.userId ?? '',
    group: key?.group ?? '',
    enabled: key?.enabled ?? true,
    expiresAt: key?.expiresAt ? toLocalInput(key.expiresAt) : '',
    allowedModels: key?.allowedModels.join('\n') ?? '',
    deniedModels: key?.deniedModels.join('\n') ?? '',
    ipAllowlist: key?.ipAllowlist.join('\n') ?? '',
    rpmLimit: key?.rpmLimit?.toString() ?? '',
    concurrencyLimit: key?.concurrencyLimit?.toString() ?? '',
  };
}

function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const offset = date.getTimezoneOffset() * 60_000;
  return new Date(date.getTime() - offset).toISOString().slice(0, 16);
}

/** The request body, or the name of the first invalid field. */
export function toKeyBody(state: KeyFormState): { body: Record<string, unknown> } | { invalid: string } {
  const rpmLimit = parseOptionalInt(state.rpmLimit);
  const concurrencyLimit = parseOptionalInt(state.concurrencyLimit);
  if (Number.isNaN(rpmLimit)) return { invalid: 'rpmLimit' };
  if (Number.isNaN(concurrencyLimit)) return { invalid: 'concurrencyLimit' };
  return {
    body: {
      name: state.name.trim(),
      userId: state.userId.trim() || null,
      group: state.group.trim() || null,
      enabled: state.enabled,
      expiresAt: state.expiresAt ? new Date(state.expiresAt).toISOString() : null,
      allowedModels: parseList(state.allowedModels),
      deniedModels: parseList(state.deniedModels),
      ipAllowlist: parseList(state.ipAllowlist),
      rpmLimit,
      concurrencyLimit,
    },
  };
}

export function KeyForm({
  state,
  onChange,
  batch,
  invalid,
}: {
  state: KeyFormState;
  onChange: (state: KeyFormState) => void;
  /** Creating: offer a count for batch creation. */
  batch?: boolean;
  invalid?: string | null;
}) {
  const { t } = useTranslation('keys');
  const set = <K extends keyof KeyFormState>(name: K, value: KeyFormState[K]) =>
    onChange({ ...state, [name]: value });
  const [advanced, setAdvanced] = useState(false);
  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-[1fr_7rem]">
        <TextField
          label={t('field.name')}
          required
          value={state.name}
          onChange={(e) => set('name', e.target.value)}
          hint={batch && Number(state.count) > 1 ? t('field.nameBatchHint') : undefined}
        />
        {batch && (
          <TextField
            label={t('field.count')}
            type="number"
            min={1}
            max={100}
            value={state.count}
            onChange={(e) => set('count', e.target.value)}
          />
        )}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('field.userId')}
          value={state.userId}
          onChange={(e) => set('userId', e.target.value)}
          hint={t('field.userIdHint')}
        />
        <TextField
          label={t('field.group')}
          value={state.group}
          onChange={(e) => set('group', e.target.value)}
          hint={t('field.groupHint')}
        />
        <TextField
          label={t('field.rpmLimit')}
          inputMode="numeric"
          value={state.rpmLimit}
          placeholder={t('common:unlimited')}
          onChange={(e) => set('rpmLimit', e.target.value)}
          error={invalid === 'rpmLimit' ? t('field.positiveInteger') : undefined}
        />
        <TextField
          label={t('field.concurrencyLimit')}
          inputMode="numeric"
          value={state.concurrencyLimit}
          placeholder={t('common:unlimited')}
          onChange={(e) => set('concurrencyLimit', e.target.value)}
          error={invalid === 'concurrencyLimit' ? t('field.positiveInteger') : undefined}
        />
        <TextField
          label={t('field.expiresAt')}
          type="datetime-local"
          value={state.expiresAt}
          onChange={(e) => set('expiresAt', e.target.value)}
          hint={t('field.expiresAtHint')}
        />
        <div className="flex items-end pb-2">
          <Toggle
            label={t('field.enabled')}
            checked={state.enabled}
            onChange={(value) => set('enabled', value)}
          />
        </div>
      </div>
      <button
        type="button"
        onClick={() => setAdvanced(!advanced)}
        className="self-start text-sm font-medium text-accent-600 hover:underline dark:text-accent-400"
        aria-expanded={advanced}
      >
        {advanced ? t('hideRestrictions') : t('showRestrictions')}
      </button>
      {advanced && (
        <div className="grid gap-4 sm:grid-cols-3">
          <TextAreaField
            label={t('field.allowedModels')}
            value={state.allowedModels}
            onChange={(e) => set('allowedModels', e.target.value)}
            hint={t('field.modelsHint')}
            placeholder="claude-*"
          />
          <TextAreaField
            label={t('field.deniedModels')}
            value={state.deniedModels}
            onChange={(e) => set('deniedModels', e.target.value)}
            hint={t('field.modelsHint')}
          />
          <TextAreaField
            label={t('field.ipAllowlist')}
            value={state.ipAllowlist}
            onChange={(e) => set('ipAllowlist', e.target.value)}
            hint={t('field.ipHint')}
            placeholder="10.0.0.0/8"
          />
        </div>
      )}
    </div>
  );
}
