package dev.descent.web.mlflow;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The server's body size limit, except for MLflow artifact uploads: models and checkpoints are far larger than
 * any JSON request, and {@link ArtifactsProxy} streams them to disk rather than holding them in memory.
 */
public final class UploadSizeLimit extends SizeLimitHandler {
  public UploadSizeLimit(long requestLimit) {
    super(requestLimit, -1);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (ArtifactsProxy.isUpload(request.getMethod(), Request.getPathInContext(request))) {
      return getHandler().handle(request, response, callback);
    }
    return super.handle(request, response, callback);
  }
}
