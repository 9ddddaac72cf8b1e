// Runs CDK's AwsCustomResource handler once, as Lambda would, and prints the response it sends CloudFormation.
// argv: handler index.js, event JSON file. The AWS SDK comes from NODE_PATH (this directory's node_modules, as
// Lambda's runtime provides it); Route 53 is reached at AWS_ENDPOINT_URL_ROUTE_53. The response to the pre-signed
// CloudFormation URL is captured here instead of sent.
const fs = require('fs');
const https = require('https');

const [handlerPath, eventPath] = process.argv.slice(2);
const event = JSON.parse(fs.readFileSync(eventPath, 'utf8'));
https.request = (options, callback) => {
  const chunks = [];
  return {
    on() { return this; },
    write(chunk) { chunks.push(chunk); },
    end() {
      process.stdout.write('CLOUDFORMATION-RESPONSE ' + chunks.join('') + '\n');
      callback({ statusCode: 200, on() {} });
    },
  };
};
require(handlerPath).handler(event, {}).catch((e) => {
  process.stderr.write(String(e && e.stack || e) + '\n');
  process.exit(1);
});
