// CloudFront Function (cloudfront-js-2.0), viewer request, on the relay behaviours.
// The browser signs each SageMaker request for the real regional endpoint, then sends
// it to the console's own origin under /aws/<service>; this strips that prefix so the
// origin sees exactly the path that was signed. Nothing else is touched: any change
// would break the signature.
var PREFIXES = ['/aws/featurestore-runtime', '/aws/sagemaker'];

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- CloudFront calls handler by name.
function handler(event) {
  var request = event.request;
  for (var i = 0; i < PREFIXES.length; i++) {
    var prefix = PREFIXES[i];
    if (request.uri === prefix || request.uri.indexOf(prefix + '/') === 0) {
      request.uri = request.uri.substring(prefix.length) || '/';
      return request;
    }
  }
  return request;
}
