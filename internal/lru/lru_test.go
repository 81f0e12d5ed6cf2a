package lru

import "testing"

func TestCache(t *testing.T) {
	c := New[string, int](2)
	c.Put("a", 1)
	c.Put("b", 2)
	if v, ok := c.Get("a"); !ok || v != 1 {
		t.Fatalf("a: %d %v", v, ok)
	}
	c.Put("c", 3) // b is the least recently used now
	if _, ok := c.Get("b"); ok {
		t.Errorf("b was kept past the limit")
	}
	c.Put("a", 10)
	if v, _ := c.Get("a"); v != 10 {
		t.Errorf("a after a second put: %d", v)
	}
	c.RemoveIf(func(k string) bool { return k == "a" })
	if _, ok := c.Get("a"); ok {
		t.Errorf("a was not removed")
	}
	if _, ok := c.Get("c"); !ok {
		t.Errorf("c was removed too")
	}
}
