import type { CallView } from '../shared/view-model.js';
import { asJson, formatDuration } from './format.js';
import { TextBlock } from './text-block.js';

/** One model call: what was asked, what came back (raw, reasoning, parsed), its cost, and what went wrong. */
export function CallDetail({ call }: { call: CallView }) {
  const record = call.record;
  if (!record) return <p class="problem">{call.file}: {call.problem}</p>;
  return (
    <div class="call-detail" data-testid="call-detail">
      <h3>
        {record.phase.toUpperCase()}
        {record.iteration ? ` ${record.iteration}` : ''} · attempt {record.attempt ?? 1} <span class="muted">{call.file}</span>
      </h3>
      <dl class="facts">
        <dt>model</dt>
        <dd>{record.modelId ?? '—'}</dd>
        <dt>tokens</dt>
        <dd>
          {record.usage?.promptTokens ?? '—'} prompt / {record.usage?.completionTokens ?? '—'} completion
          {record.usage?.reasoningTokens !== undefined ? ` (${record.usage.reasoningTokens} reasoning)` : ''}
        </dd>
        <dt>time</dt>
        <dd>
          {formatDuration(record.timings?.totalMs)}
          {record.timings?.timeToFirstTokenMs !== undefined ? ` · first token ${formatDuration(record.timings.timeToFirstTokenMs)}` : ''}
          {record.timings?.tokensPerSecond !== undefined ? ` · ${record.timings.tokensPerSecond.toFixed(1)} tok/s` : ''}
        </dd>
        <dt>finish</dt>
        <dd>{record.finishReason ?? '—'}</dd>
      </dl>
      {record.error ? (
        <div class="error-box" data-testid="call-error">
          <strong>{record.error.code ?? 'ERROR'}</strong>: {record.error.message}
          {(record.error.issues ?? []).length > 0 ? (
            <ul>
              {(record.error.issues ?? []).map((issue, index) => (
                <li key={index}>{issue}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {(record.mends ?? []).length > 0 ? (
        <div class="mends" data-testid="call-mends">
          <h4>Mended without a retry</h4>
          <ul>
            {(record.mends ?? []).map((mend, index) => (
              <li key={index}>
                {mend.kind ?? 'mend'}: {mend.message ?? ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {(record.serverAttempts ?? []).length > 0 ? (
        <div class="server-attempts" data-testid="server-attempts">
          <h4>Server retries (transport failures before this answer)</h4>
          <table>
            <thead>
              <tr>
                <th>attempt</th>
                <th>code</th>
                <th>status</th>
                <th>message</th>
                <th>waited</th>
              </tr>
            </thead>
            <tbody>
              {(record.serverAttempts ?? []).map((attempt, index) => (
                <tr key={index}>
                  <td>{attempt.attempt ?? index + 1}</td>
                  <td>{attempt.code ?? '—'}</td>
                  <td>{attempt.status ?? '—'}</td>
                  <td>{attempt.message ?? ''}</td>
                  <td>{formatDuration(attempt.delayMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <TextBlock title="System prompt" text={record.request?.system} />
      <TextBlock title="Prompt" text={record.request?.prompt} testId="call-prompt" />
      <TextBlock title="Reasoning" text={record.reasoning} testId="call-reasoning" />
      <TextBlock title="Raw answer" text={record.rawText} testId="call-raw" />
      {record.parsed !== undefined && record.parsed !== null ? <TextBlock title="Parsed result" text={asJson(record.parsed)} testId="call-parsed" /> : null}
    </div>
  );
}
