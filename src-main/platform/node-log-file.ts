/**
 * The log file under plain Node (start:web, tests, bench): electron-log's Node build (`electron-log/node`, which
 * needs no Electron), set up like the app's by `fileLogOn`. Each call makes its own logger instance, so several
 * apps in one process (tests) keep their files apart.
 */
import nodeLog from 'electron-log/node';
import { fileLogOn, type LogFile, type LogFileOptions } from './log-file';

let instances = 0;

/** Opens `<folder>/main.log` for appending, rotated as {@link LogFileOptions} says. */
export function openNodeLogFile(options: LogFileOptions): LogFile {
  instances += 1;
  nodeLog.transports.file.setAppName('DeepCurrent');
  const logger = nodeLog.create({ logId: `deepcurrent-node-${process.pid}-${instances}` });
  return fileLogOn(logger, options);
}
