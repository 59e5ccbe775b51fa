import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { CopyButton } from '../../../components/copy-button';
import { inputClass, SelectField, TextAreaField, TextField } from '../../../components/field';
import { Icon } from '../../../components/icons';
import { PageHeader } from '../../../components/page-header';
import { formatNumber } from '../../../lib/format';
import { type StreamUsage, type Surface, streamAnswer } from './stream-answer';

const surfaces: readonly Surface[] = ['anthropic', 'openai-chat', 'openai-responses'];
const defaultModel: Record<Surface, string> = {
  anthropic: 'claude-sonnet-4-5',
  'openai-chat': 'gpt-5',
  'openai-responses': 'gpt-5',
};

/** The models the pasted key may use, from GET /v1/models with that key. */
function useKeyModels(apiKey: string) {
  return useQuery({
    queryKey: ['playground-models', apiKey],
    enabled: apiKey.length > 10,
    retry: false,
    queryFn: async ({ signal }) => {
      const response = await fetch('/v1/models', {
        headers: { authorization: `Bearer ${apiKey}` },
        credentials: 'omit',
        signal,
      });
      if (!response.ok) return [];
      const body = (await response.json()) as { data?: Array<{ id: string }> };
      return (body.data ?? []).map((model) => model.id);
    },
  });
}

interface Run {
  text: string;
  status: 'streaming' | 'done' | 'stopped' | 'failed';
  error?: string;
  startedAt: number;
  firstTokenMs?: number;
  totalMs?: number;
  usage: StreamUsage;
}

export default function PlaygroundPage() {
  const { t } = useTranslation('playground');
  const [surface, setSurface] = useState<Surface>('anthropic');
  const [model, setModel] = useState(defaultModel.anthropic);
  const [apiKey, setApiKey] = useState('');
  const [system, setSystem] = useState('');
  const [prompt, setPrompt] = useState('');
  const [maxTokens, setMaxTokens] = useState('512');
  const [run, setRun] = useState<Run | null>(null);
  const abort = useRef<AbortController | null>(null);
  const models = useKeyModels(apiKey.trim());

  async function send(event: FormEvent) {
    event.preventDefault();
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const startedAt = performance.now();
    setRun({ text: '', status: 'streaming', startedAt, usage: {} });
    try {
      await streamAnswer(
        { surface, model, apiKey: apiKey.trim(), system, prompt, maxTokens: Number(maxTokens) || 512 },
        {
          text: (text) =>
            setRun(
              (now) =>
                now && {
                  ...now,
                  text: now.text + text,
                  firstTokenMs: now.firstTokenMs ?? performance.now() - startedAt,
                },
            ),
          usage: (usage) =>
            setRun((now) => now && { ...now, usage: { ...now.usage, ...stripUndefined(usage) } }),
        },
        controller.signal,
      );
      setRun((now) => now && { ...now, status: 'done', totalMs: performance.now() - startedAt });
    } catch (error) {
      const stopped = controller.signal.aborted;
      setRun(
        (now) =>
          now && {
            ...now,
            status: stopped ? 'stopped' : 'failed',
            error: stopped ? undefined : errorMessage(error),
            totalMs: performance.now() - startedAt,
          },
      );
    }
  }

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="grid items-start gap-6 lg:grid-cols-[22rem_1fr]">
        <Card>
          <form onSubmit={send} className="flex flex-col gap-4">
            <SelectField
              label={t('surface')}
              value={surface}
              onChange={(e) => {
                const next = e.target.value as Surface;
                setSurface(next);
                setModel(defaultModel[next]);
              }}
              options={surfaces.map((value) => ({ value, label: t(`surfaces.${value}`) }))}
            />
            <TextField
              label={t('apiKey')}
              type="password"
              autoComplete="off"
              required
              value={apiKey}
              placeholder="sk-gate-…"
              onChange={(e) => setApiKey(e.target.value)}
              hint={t('apiKeyHint')}
            />
            <div>
              <label
                htmlFor="playground-model"
                className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200"
              >
                {t('model')}
              </label>
              <input
                id="playground-model"
                className={inputClass}
                list="playground-models"
                required
                value={model}
                onChange={(e) => setModel(e.target.value)}
              />
              <datalist id="playground-models">
                {(models.data ?? []).map((id) => (
                  <option key={id} value={id} />
                ))}
              </datalist>
            </div>
            <TextField
              label={t('maxTokens')}
              inputMode="numeric"
              value={maxTokens}
              onChange={(e) => setMaxTokens(e.target.value)}
            />
            <TextAreaField
              label={t('system')}
              value={system}
              onChange={(e) => setSystem(e.target.value)}
              rows={2}
            />
            <TextAreaField
              label={t('prompt')}
              required
              rows={5}
              value={prompt}
              placeholder={t('promptPlaceholder')}
              onChange={(e) => setPrompt(e.target.value)}
            />
            <div className="flex gap-2">
              <Button
                type="submit"
                variant="primary"
                className="flex-1"
                icon={<Icon name="send" />}
                busy={run?.status === 'streaming'}
              >
                {t('send')}
              </Button>
              {run?.status === 'streaming' && (
                <Button onClick={() => abort.current?.abort()}>{t('stop')}</Button>
              )}
            </div>
          </form>
        </Card>
        <Card
          title={t('answer')}
          actions={
            run && (
              <>
                <RunStatus run={run} />
                {run.text && <CopyButton text={run.text} />}
              </>
            )
          }
        >
          {run ? (
            <div className="flex flex-col gap-3">
              {run.error && (
                <p
                  role="alert"
                  className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-500/10 dark:text-red-300"
                >
                  {run.error}
                </p>
              )}
              <div
                className="min-h-48 text-sm leading-relaxed whitespace-pre-wrap text-zinc-800 dark:text-zinc-200"
                aria-live="polite"
                data-testid="playground-answer"
              >
                {run.text}
                {run.status === 'streaming' && (
                  <span className="ml-0.5 inline-block h-4 w-1.5 animate-pulse bg-accent-500 align-middle" />
                )}
              </div>
              <dl className="flex flex-wrap gap-x-6 gap-y-1 border-t border-zinc-100 pt-3 text-xs text-zinc-500 dark:border-zinc-800">
                <Metric
                  label={t('firstToken')}
                  value={run.firstTokenMs === undefined ? '—' : `${Math.round(run.firstTokenMs)} ms`}
                />
                <Metric
                  label={t('total')}
                  value={run.totalMs === undefined ? '—' : `${Math.round(run.totalMs)} ms`}
                />
                <Metric label={t('inputTokens')} value={formatNumber(run.usage.inputTokens)} />
                <Metric label={t('outputTokens')} value={formatNumber(run.usage.outputTokens)} />
              </dl>
            </div>
          ) : (
            <p className="py-16 text-center text-sm text-zinc-500">{t('idle')}</p>
          )}
        </Card>
      </div>
    </>
  );
}

function Metric({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex gap-1.5">
      <dt>{label}</dt>
      <dd className="font-medium text-zinc-800 tabular-nums dark:text-zinc-200">{value}</dd>
    </div>
  );
}

function RunStatus({ run }: { run: Run }) {
  const { t } = useTranslation('playground');
  const tone = {
    streaming: 'text-accent-600',
    done: 'text-emerald-600',
    stopped: 'text-zinc-500',
    failed: 'text-red-600',
  }[run.status];
  return (
    <span className={`text-xs font-medium ${tone}`} data-testid="playground-status">
      {t(`status.${run.status}`)}
    </span>
  );
}

function stripUndefined(usage: StreamUsage): StreamUsage {
  return Object.fromEntries(Object.entries(usage).filter(([, value]) => value !== undefined));
}
