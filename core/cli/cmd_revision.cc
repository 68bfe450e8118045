#include "commands.h"
#include "script/revision_writer.h"

namespace retort::cli {
namespace {

Status generate(CliContext& ctx, const RevisionRequest& request) {
  RETORT_ASSIGN_OR_RETURN(const ScriptDirectory* scripts, ctx.scripts());
  RETORT_ASSIGN_OR_RETURN(NewRevision rev, plan_revision(*scripts, request));
  RETORT_TRY(write_revision(rev, utc_now_iso()));
  ctx.err << "  Generating " << rev.file.string() << " ...  done\n";
  return Status();
}

}  // namespace

void add_revision_commands(CLI::App& app, CliContext& ctx, Action& action) {
  auto req = std::make_shared<RevisionRequest>();
  auto* rev = app.add_subcommand("revision", "Create a new revision file");
  rev->add_option("-m,--message", req->message, "Message (also names the file)");
  rev->add_option("--head", req->head, "Revision to build on: head (default), base, an id, or LABEL@head");
  rev->add_flag("--splice", req->splice, "Allow --head to name a revision that is not a head (starts a branch)");
  rev->add_option("--branch-label", req->branch_labels, "Branch label for the new revision");
  rev->add_option("--depends-on", req->depends_on, "Revision or label the new revision depends on");
  rev->add_option("--rev-id", req->rev_id, "Revision id to use instead of a random one");
  rev->add_option("--version-path", req->version_path, "Version location to write the file in");
  rev->callback([&ctx, &action, req] { action = [&ctx, req] { return generate(ctx, *req); }; });

  auto merge_req = std::make_shared<RevisionRequest>();
  auto* merge = app.add_subcommand("merge", "Create a revision that merges two or more revisions");
  merge->add_option("REVISIONS", merge_req->merge_of, "Revisions to merge (\"heads\" for all heads)")->required();
  merge->add_option("-m,--message", merge_req->message, "Message");
  merge->add_option("--branch-label", merge_req->branch_labels, "Branch label for the merge revision");
  merge->add_option("--rev-id", merge_req->rev_id, "Revision id to use instead of a random one");
  merge->callback([&ctx, &action, merge_req] { action = [&ctx, merge_req] { return generate(ctx, *merge_req); }; });
}

}  // namespace retort::cli
