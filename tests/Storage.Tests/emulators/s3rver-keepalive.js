'use strict';
// s3rver, kept running when one of its requests fails inside it. Its file store lets a PUT and a DELETE of the same
// key race: the DELETE removes the key's now-empty folder while the PUT opens its file there, the write stream's
// ENOENT has no listener, and the whole emulator dies, refusing every later request of the test run. On S3 that
// race is legal and ends as if one of the two came first; here the PUT's bytes are lost, which is the outcome
// "DELETE after PUT". So the error is logged and the emulator goes on. Arguments are s3rver's own.
process.on('uncaughtException', (error) => {
  console.error(`s3rver-keepalive: an error inside s3rver, which keeps running: ${(error && error.stack) || error}`);
});
require('./node_modules/s3rver/bin/s3rver.js');
