module github.com/tendcare/tend

go 1.26
