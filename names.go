package tend

import "strings"

// JoinNames joins names in plain English: "Sam", "Sam and Alex",
// "Sam, Jo and Alex". Plans and their text output both read this way.
func JoinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
