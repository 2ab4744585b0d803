// Desktop preferences (notifications, launch at login) belong to the Electron app. The core offers no API for
// them yet, so no switches are shown — a control that changes nothing would be worse than a clear note.
export const DesktopSection = () => {
  const inDesktopApp = typeof window !== 'undefined' && window.lanyard !== undefined;
  return (
    <section className="card" aria-labelledby="desktop-title">
      <div className="card-header">
        <div>
          <h2 id="desktop-title">Desktop app</h2>
          <p className="card-description">Notifications and launching Lanyard when you log in.</p>
        </div>
      </div>
      {inDesktopApp ? (
        <p className="callout callout-info">
          <span>
            Turn <strong>Open at login</strong> on or off from the Lanyard icon in the system tray.
            Notification preferences are not available in this version yet.
          </span>
        </p>
      ) : (
        <p className="callout callout-info">
          <span>
            You are using Lanyard in a browser through <code>lanyard serve</code>, so there is nothing to set
            here: notifications and launch at login are preferences of the Lanyard desktop app.
          </span>
        </p>
      )}
    </section>
  );
};
