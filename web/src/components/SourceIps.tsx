import { countOf, formatCount } from '../format';
import type { UsageReport } from '../../../lib/contract';
import { Time } from './Time';

/** Where a token's requests came from: the busiest addresses, then a total for the rest. */
export const SourceIps = ({ ips, otherIps }: Pick<UsageReport, 'ips' | 'otherIps'>) => {
  if (ips.length === 0 && otherIps.requests === 0) return <p>No requests recorded yet.</p>;
  return (
    <table class="stack-table ip-table">
      <caption>Source IP addresses</caption>
      <thead>
        <tr>
          <th scope="col">IP address</th>
          <th scope="col" class="numeric">
            Requests
          </th>
          <th scope="col">First seen</th>
          <th scope="col">Last seen</th>
        </tr>
      </thead>
      <tbody>
        {ips.map((ip) => (
          <tr key={ip.ip}>
            <td data-label="IP address" class="ip">
              {ip.ip}
            </td>
            <td data-label="Requests" class="numeric">
              {formatCount(ip.requests)}
            </td>
            <td data-label="First seen">
              <Time value={ip.firstSeenAt} withTime />
            </td>
            <td data-label="Last seen">
              <Time value={ip.lastSeenAt} withTime />
            </td>
          </tr>
        ))}
      </tbody>
      {otherIps.requests > 0 && (
        <tfoot>
          <tr>
            <td colSpan={4}>
              {`${countOf(otherIps.requests, 'request')} from ${countOf(otherIps.addresses, 'other address', 'other addresses')}`}
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
};
