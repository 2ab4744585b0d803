// Placeholder body for pages whose features land in later issues: says plainly what the page will do.
export const ComingSoon = ({ planned }: { planned: string[] }) => (
  <div className="card coming-soon">
    <div className="card-header">
      <h2>What this page will do</h2>
      <span className="badge badge-neutral">Coming soon</span>
    </div>
    <ul className="plan-list">
      {planned.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  </div>
);
