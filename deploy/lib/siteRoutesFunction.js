// CloudFront Function (cloudfront-js-2.0), viewer request, on the site's default behaviour
// only. The console is a single-page app: a path whose last segment has no file extension
// (/, /history, /groups/customers/table, /auth/callback) is one of its routes and is
// answered with /index.html (the query string is kept); a file (/config.json,
// /assets/index-1a2b.js) is fetched as it is, and a missing one stays the origin's error.
// Never distribution-wide (CloudFront's custom error responses would be): AWS's 403 and 404
// through the relay behaviours must reach the SDK as they are.

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- CloudFront calls handler by name.
function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}
