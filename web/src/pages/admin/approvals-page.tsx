import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../../api/hooks';
import { Button } from '../../components/button';
import { type Column, DataTable } from '../../components/data-table';
import { Dialog } from '../../components/dialog';
import { TextAreaField } from '../../components/field';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/states';
import { Tabs } from '../../components/tabs';
import {
  type Application,
  type ApplicationStatus,
  describeRequest,
} from '../../features/applications/application';
import { applicationColumns } from '../../features/applications/application-columns';

type Decision = 'approve' | 'reject';
type View = 'pending' | 'all';

/** The approvals queue: pending applications first; approve or reject each with a comment. */
export default function ApprovalsPage() {
  const { t } = useTranslation(['approvals', 'apply', 'limits', 'common']);
  const [view, setView] = useState<View>('pending');
  const [deciding, setDeciding] = useState<{ application: Application; decision: Decision } | null>(null);
  const applications = useApi<{ applications: Application[] }>('/admin/api/applications');
  // Applications name the user by id; the users list gives the name (the id if it is not loaded).
  const users = useApi<{ users: Array<{ id: string; username: string; displayName: string | null }> }>(
    '/admin/api/users',
  );
  const applicantName = (a: Application) => {
    const user = users.data?.users.find((candidate) => candidate.id === a.userId);
    return user ? user.displayName || user.username : a.userId;
  };
  const requested = (a: Application) => describeRequest(a, t);

  const columns: Column<Application>[] = [
    {
      id: 'user',
      header: t('applicant'),
      cell: (a) => <span className="font-medium">{applicantName(a)}</span>,
      sortValue: applicantName,
    },
    ...applicationColumns(t),
    {
      id: 'actions',
      header: <span className="sr-only">{t('common:actions')}</span>,
      className: 'text-right',
      cell: (a) =>
        a.status === 'pending' ? (
          <div className="flex justify-end gap-1.5">
            <Button
              size="sm"
              variant="primary"
              onClick={() => setDeciding({ application: a, decision: 'approve' })}
            >
              {t('approve')}
            </Button>
            <Button size="sm" onClick={() => setDeciding({ application: a, decision: 'reject' })}>
              {t('reject')}
            </Button>
          </div>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <QueryState query={applications}>
        {(data) => {
          const rows =
            view === 'pending' ? data.applications.filter((a) => a.status === 'pending') : data.applications;
          const pending = data.applications.filter((a) => a.status === 'pending').length;
          return (
            <div className="space-y-3">
              <Tabs<View>
                label={t('view')}
                value={view}
                onChange={setView}
                tabs={[
                  { value: 'pending', label: t('pendingTab', { count: pending }) },
                  { value: 'all', label: t('allTab') },
                ]}
              />
              <DataTable
                label={t('title')}
                rows={rows}
                columns={columns}
                rowKey={(a) => a.id}
                searchText={(a) => `${applicantName(a)} ${a.reason} ${requested(a)}`}
                filters={
                  view === 'all'
                    ? [
                        {
                          id: 'status',
                          label: t('status'),
                          options: (
                            ['pending', 'approved', 'rejected', 'withdrawn'] as ApplicationStatus[]
                          ).map((s) => ({
                            value: s,
                            label: t(`statuses.${s}`),
                          })),
                          matches: (a, value) => a.status === value,
                        },
                      ]
                    : []
                }
                empty={
                  <p className="px-4 py-10 text-center text-sm text-zinc-500">
                    {view === 'pending' ? t('nothingPending') : t('none')}
                  </p>
                }
              />
            </div>
          );
        }}
      </QueryState>
      {deciding && (
        <DecisionDialog
          {...deciding}
          applicant={applicantName(deciding.application)}
          onClose={() => setDeciding(null)}
        />
      )}
    </>
  );
}

function DecisionDialog({
  application,
  decision,
  applicant,
  onClose,
}: {
  application: Application;
  decision: Decision;
  applicant: string;
  onClose: () => void;
}) {
  const { t } = useTranslation(['approvals', 'apply', 'limits', 'common']);
  const [comment, setComment] = useState('');
  const decide = useApiMutation<Application, void>(
    () => ({
      path: `/admin/api/applications/${encodeURIComponent(application.id)}/decision`,
      body: comment.trim() ? { decision, comment: comment.trim() } : { decision },
    }),
    {
      invalidates: ['/admin/api/applications', '/admin/api/users'],
      success: decision === 'approve' ? t('approved') : t('rejected'),
      onSuccess: onClose,
    },
  );
  return (
    <Dialog
      open
      onClose={onClose}
      title={decision === 'approve' ? t('approveTitle') : t('rejectTitle')}
      description={t('decisionDescription', { user: applicant })}
      footer={
        <>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
          <Button
            variant={decision === 'approve' ? 'primary' : 'danger'}
            busy={decide.isPending}
            onClick={() => decide.mutate()}
          >
            {decision === 'approve' ? t('approve') : t('reject')}
          </Button>
        </>
      }
    >
      <dl className="mb-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        <dt className="text-zinc-500">{t('kind')}</dt>
        <dd>{t(`kinds.${application.kind}`)}</dd>
        <dt className="text-zinc-500">{t('requested')}</dt>
        <dd>{describeRequest(application, t) || '—'}</dd>
        <dt className="text-zinc-500">{t('reason')}</dt>
        <dd>{application.reason}</dd>
      </dl>
      <TextAreaField
        label={t('comment')}
        hint={t('commentHint')}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        maxLength={2000}
      />
    </Dialog>
  );
}
