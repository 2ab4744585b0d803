// Saves text the core produced as a file in the user's downloads: a Blob behind a short-lived object URL and a
// temporary <a download>. Works from `lanyard serve` and from the desktop window alike, with no extra permission.
export const downloadText = (text: string, fileName: string, type: string): void => {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next task: the click has started the download by then, and the Blob is freed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
};
