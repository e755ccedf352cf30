package dev.descent.web.mlflow;

import dev.descent.core.search.FieldCatalog;
import dev.descent.core.search.RunSearch;
import dev.descent.core.search.SearchPage;
import dev.descent.core.store.MlflowExperiment;
import dev.descent.core.store.MlflowRecords;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;

/**
 * {@code runs/search}: the filter and order become one Lucene query and sort over descent's run index
 * ({@link RunFilter}, {@link RunOrder}); only the page's runs are then read from the store, in one query. The
 * index is caught up first, so a run logged a moment ago is found (read your own writes, as MLflow clients
 * expect). Metrics in the results are each run's last values from its summaries, not a read of every history.
 */
final class SearchRunsEndpoint {
  static final int MAX_RESULTS = 50_000;
  private final RunStore store;
  private final RunSearch search;
  private final MlflowRecords records;
  private final Clock clock;

  SearchRunsEndpoint(RunStore store, RunSearch search, MlflowRecords records, Clock clock) {
    this.store = store;
    this.search = search;
    this.records = records;
    this.clock = clock;
  }

  void search(Context ctx) {
    MlflowRequest r = MlflowRequest.of(ctx);
    long max = r.int64("max_results", 1000);
    if (max < 1 || max > MAX_RESULTS) {
      throw MlflowRequest.invalid("Invalid value " + max + " for parameter 'max_results' supplied. It must be at"
          + " most " + MAX_RESULTS + ", but got value " + max);
    }
    List<String> experiments = new ArrayList<>();
    for (String id : r.strings("experiment_ids")) {
      experiment(id).ifPresent(e -> experiments.add(e.name()));
    }
    if (!r.strings("experiment_ids").isEmpty() && experiments.isEmpty()) {
      MlflowJson.send(ctx, Map.of("runs", List.of()));
      return;
    }
    List<FilterParser.Clause> clauses = FilterParser.parse(r.string("filter"));
    FieldCatalog catalog = search.fields();
    Query query = RunFilter.query(clauses, experiments, r.string("run_view_type"), catalog);
    Sort sort = RunOrder.sort(r.strings("order_by"), catalog);
    int offset = PageToken.offset(r.string("page_token"));
    SearchPage page = search.asIs().searchQuery(query, sort, offset, (int) max); // fields() just caught it up
    List<Run> runs = store.summaries(page.ids());
    Map<String, Long> ids = records.experimentIds(runs.stream().map(Run::experiment).distinct().toList(),
        clock.instant());
    List<Map<String, Object>> out = new ArrayList<>(runs.size());
    for (Run run : runs) {
      out.add(MlflowViews.run(run, ids.getOrDefault(run.experiment(), 0L), MlflowViews.summaryMetrics(run)));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("runs", out);
    if (offset + max < page.total()) {
      body.put("next_page_token", PageToken.next((int) (offset + max)));
    }
    MlflowJson.send(ctx, body);
  }

  private Optional<MlflowExperiment> experiment(String id) {
    try {
      return records.experiment(Long.parseLong(id.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
