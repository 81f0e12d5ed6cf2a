package sqlstore

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// rawQueryMethods are database/sql's methods that send a statement to
// the database (on *sql.DB, *sql.Tx, *sql.Conn and *sql.Stmt alike).
var rawQueryMethods = []string{"QueryContext", "ExecContext", "QueryRowContext", "PrepareContext",
	"Query", "Exec", "QueryRow", "Prepare"}

// rawQueryAllowed lists the functions that may call them directly, each
// with why (methods as Type.method, by name alone, so that moving one to
// another file changes nothing). Everything else goes through the
// helpers (reader's and Tx's exec, query and queryRow), which number the
// question marks for the dialect.
var rawQueryAllowed = map[string]string{
	// The helpers themselves: the one place queries reach the driver,
	// after rebind.
	"reader.queryRow": "helper; rebinds",
	"reader.query":    "helper; rebinds",
	"Tx.exec":         "helper; rebinds",
	"Tx.queryRow":     "helper; rebinds",
	"Tx.query":        "helper; rebinds",
	"DB.prepared":     "prepares what the helpers have already rebound",
	// The write connection's statement cache (stmtcache.go), below
	// database/sql: it passes on queries already on their way.
	"cachingConn.stmt":           "prepares what database/sql hands the connection",
	"cachingConn.QueryContext":   "runs what database/sql hands the connection",
	"cachingConn.ExecContext":    "runs what database/sql hands the connection",
	"cachingConn.PrepareContext": "passes on what database/sql hands the connection",
	// Fixed statements without arguments, one dialect's only, that
	// must not be prepared or run on another connection.
	"DB.MigrateTo":      "SQLite's PRAGMA wal_checkpoint after migrating, on the write pool",
	"DB.beginLight":     "SET LOCAL (PostgreSQL) and PRAGMA synchronous (SQLite) on the transaction's own connection",
	"DB.commitGroup":    "SAVEPOINT, ROLLBACK TO and RELEASE around each grouped save",
	"DB.forget":         "SQLite's PRAGMA wal_checkpoint after a deletion",
	"checkpointer.run":  "SQLite's PRAGMA wal_checkpoint, on the checkpointer's own connection",
	"DB.addSignalPG":    "PostgreSQL's ROLLBACK of a refused or failed signal, on pgx's connection under database/sql's",
	"DB.pipelineSignal": "PostgreSQL's signal in two pipelines on pgx's connection (callbacks named QueryRow and Exec), each statement rebound before it is queued",
	// Backups (backup.go): SQLite's own statements on a connection of
	// their own to a file, outside any store.
	"BackupSQLite": "SQLite's VACUUM INTO, on its own read-only connection to the database",
	"CheckSQLite":  "SQLite's PRAGMA integrity_check, on its own immutable connection to a backup",
	// Moving a whole database (copy.go): catalog queries of one dialect,
	// and INSERTs whose "?" marks insertSQL numbers for its dialect.
	"copyQuery": "the copy's statements, each written or numbered for its dialect",
	"copyExec":  "the copy's statements, each written or numbered for its dialect",
}

// TestNoRawQueries: no code in sqlstore sends a query to the database
// except through the helpers that rebind it, or from a function listed
// in rawQueryAllowed. A query sent directly with ? parameters would
// work on SQLite and fail only on PostgreSQL.
func TestNoRawQueries(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	used := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			// A function literal in a package-level variable counts
			// as the file's own.
			where := "(package level in " + name + ")"
			if fn, ok := decl.(*ast.FuncDecl); ok {
				where = funcName(fn)
			}
			ast.Inspect(decl, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok || !slices.Contains(rawQueryMethods, sel.Sel.Name) {
					return true
				}
				if _, ok := rawQueryAllowed[where]; ok {
					used[where] = true
					return true
				}
				t.Errorf("%s: %s calls %s directly: use the helpers (tx.exec, tx.query, tx.queryRow, reader{d}.query...), which rebind ? for PostgreSQL",
					fset.Position(call.Pos()), where, sel.Sel.Name)
				return true
			})
		}
	}
	for where := range rawQueryAllowed {
		if !used[where] {
			t.Errorf("rawQueryAllowed lists %s, which no longer calls the database directly: take it off", where)
		}
	}
}

// funcName names a function as rawQueryAllowed does.
func funcName(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return fn.Name.Name
	}
	typ := fn.Recv.List[0].Type
	if star, ok := typ.(*ast.StarExpr); ok {
		typ = star.X
	}
	if id, ok := typ.(*ast.Ident); ok {
		return id.Name + "." + fn.Name.Name
	}
	return fn.Name.Name
}
