/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal (pipes and CI logs get nothing),
 * redrawn at most once per percent so 10,000 items cost 100 writes.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): (done: number, total: number) => void {
  if (!stream.isTTY) return () => {};
  let shown = -1;
  return (done, total) => {
    const percent = total ? Math.floor((done / total) * 100) : 100;
    if (percent === shown) return;
    shown = percent;
    const width = 30;
    const filled = Math.round((percent / 100) * width);
    stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}% ${done}/${total}${done >= total ? '\n' : ''}`);
  };
}
