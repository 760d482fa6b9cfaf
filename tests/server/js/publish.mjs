// Publishes one PutPartnerEvents batch with the AWS SDK for JavaScript v3, exactly as a partner's Node.js code does.
// Usage: node publish.mjs '<JSON: {"endpoint": "http://127.0.0.1:PORT", "entries": [...], "maxAttempts": 3}>'
// Prints one JSON line: {"output": <the SDK's result>} or {"error": {name, message, attempts, status}}.
import { EventBridgeClient, PutPartnerEventsCommand } from "@aws-sdk/client-eventbridge";

const request = JSON.parse(process.argv[2]);
const client = new EventBridgeClient({
  endpoint: request.endpoint,
  region: request.region ?? "us-east-1",
  credentials: { accessKeyId: request.accessKeyId ?? "testing", secretAccessKey: "testing" },
  maxAttempts: request.maxAttempts ?? 3,
});

try {
  const output = await client.send(new PutPartnerEventsCommand({ Entries: request.entries }));
  console.log(JSON.stringify({ output }));
} catch (error) {
  const metadata = error.$metadata ?? {};
  console.log(JSON.stringify({
    error: { name: error.name, message: error.message, attempts: metadata.attempts, status: metadata.httpStatusCode },
  }));
}
